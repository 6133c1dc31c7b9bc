from PySide6.QtGui import QPainterPath


def test_many_calls_returning_none_do_not_crash_the_interpreter():
    """PySide6 6.12.0 released None once per void call and aborted the process."""
    path = QPainterPath()
    for i in range(300_000):
        path.lineTo(float(i), 1.0)
    assert path.elementCount() == 300_001
