"""The map's table of key bindings, read without a window: which binding takes a key."""

import pytest
from PySide6.QtCore import Qt

from fibromap.ui.bodymap.map_keys import BINDINGS, KeyPress, MapKeys

K, M = Qt.Key, Qt.KeyboardModifier
NONE, CTRL, SHIFT, ALT = M.NoModifier, M.ControlModifier, M.ShiftModifier, M.AltModifier


def taken_by(key, text="", modifiers=NONE, finding=False):
    press = KeyPress(key, text, modifiers, finding)
    return next((binding.does for binding in BINDINGS if binding.matches(press)), None)


@pytest.mark.parametrize("key, text, modifiers, finding, does", [
    (K.Key_Equal, "+", CTRL | SHIFT, False, MapKeys.zoom),        # Ctrl++ on most keyboards
    (K.Key_Minus, "-", CTRL, True, MapKeys.zoom),
    (K.Key_L, "\x0c", CTRL, False, MapKeys.toggle_referral_mode),
    (K.Key_L, "\x0c", CTRL | SHIFT, False, None),                 # Ctrl alone, not with Shift
    (K.Key_T, "\x14", CTRL, False, MapKeys.toggle_trigger_point),
    (K.Key_L, "l", NONE, False, MapKeys.type_more),               # a plain letter finds
    (K.Key_L, "L", SHIFT, False, MapKeys.type_more),
    (K.Key_L, "l", ALT, False, None),                              # left to the menus
    (K.Key_7, "7", NONE, False, MapKeys.rate),
    (K.Key_7, "7", NONE, True, None),                              # not while finding
    (K.Key_Left, "", NONE, True, MapKeys.move),
    (K.Key_Space, " ", NONE, False, MapKeys.mark_or_unmark),
    (K.Key_Space, " ", NONE, True, MapKeys.type_more),             # "l lower trap"
    (K.Key_Return, "\r", NONE, True, MapKeys.mark_or_unmark),
    (K.Key_Backspace, "\x08", NONE, True, MapKeys.type_less),
    (K.Key_Backspace, "\x08", NONE, False, MapKeys.remove),
    (K.Key_Delete, "\x7f", NONE, True, MapKeys.remove),
    (K.Key_Minus, "-", NONE, True, MapKeys.type_more),
    (K.Key_Minus, "-", NONE, False, MapKeys.step),
    (K.Key_Escape, "\x1b", NONE, False, MapKeys.escape),
    (K.Key_S, "\x13", CTRL, False, None),                          # the window's Save
])
def test_each_key_goes_to_the_binding_the_help_describes(key, text, modifiers, finding, does):
    assert taken_by(key, text, modifiers, finding) == does
