from . import main
from . import bus
from . import lookup
