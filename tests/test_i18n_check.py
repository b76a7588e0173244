"""The lint's translation check fails on a string left in English and on a translation linked to nothing;
proven on a fixture module (tests/fixtures/i18n) with one of each, like the native-runner proof."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _check(*args):
    return subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "i18n.py"), "check", *args],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)


def test_an_untranslated_label_and_a_translation_linked_to_nothing_fail_the_lint():
    run = _check(os.path.join(ROOT, "tests", "fixtures", "i18n"))
    assert run.returncode == 1, run.stdout
    assert "untranslated 'Deliberately untranslated remark' (model:ir.model.fields,field_description:" \
           "crm_untranslated_fixture.field_crm_fixture_note_remark)" in run.stdout
    assert "'Subject' is linked to model:ir.model.fields,field_description:crm_untranslated_fixture." \
           "field_crm_fixture_note_subject_4428, which does not exist" in run.stdout
    assert "Note done." not in run.stdout and "Fixture Note" not in run.stdout, "translated strings pass"


def test_our_four_add_ons_are_german_throughout():
    run = _check()
    assert run.returncode == 0, run.stdout
