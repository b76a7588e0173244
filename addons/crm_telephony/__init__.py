from . import controllers
from . import models
from .hooks import post_load, pre_init_hook
