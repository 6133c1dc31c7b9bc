"""The command line in another language: `fibromap --language de --help` is German (the
language is chosen before the parser is built), what the commands print and their errors
are in the language asked for, French says 0 and 1 alike, and English stays as it was."""

import pytest

from fibromap.cli import build_parser, main
from fibromap.commands.backups import _flares
from fibromap.i18n import activate, current, using


def run(capsys, *args):
    try:
        code = main(list(args))
    except SystemExit as stop:  # --help, a refused argument
        code = stop.code
    finally:
        language, _ = current(), activate("en")
    out, err = capsys.readouterr()
    return code, out, err, language


def test_help_is_in_the_language_asked_for_before_the_parser_is_built(capsys):
    code, out, _err, language = run(capsys, "--language", "de", "--help")
    assert (code, language) == (0, "de")
    assert "ein privates Tagebuch für Krämpfe und Schmerzen" in out
    assert "den Arztbericht als PDF schreiben" in out
    code, out, _err, _language = run(capsys, "stats", "--language=fr", "--help")
    assert "premier jour (AAAA-MM-JJ)" in out and "afficher du JSON au lieu du texte" in out


def test_what_a_command_prints_and_its_errors_follow_the_language(capsys):
    _code, out, _err, _language = run(capsys, "--language", "de", "medications", "add",
                                      "Magnesium", "--from", "2026-01-05")
    assert out.strip().endswith(", noch eingenommen (Nummer 1) hinzugefügt.")
    _code, out, _err, _language = run(capsys, "--language", "fr", "medications", "list")
    assert out.split() == ["numéro", "médicament", "dose", "depuis", "jusqu’au",
                           "1", "Magnesium", "-", "2026-01-05", "toujours", "en", "cours"]
    code, _out, err, _language = run(capsys, "--language", "es", "stats", "--from", "2026-13-01")
    assert code == 2
    assert "se esperaba una fecha como 2026-03-01; se recibió '2026-13-01'" in err
    assert "(vea fibromap stats --help)" in err
    _code, _out, err, _language = run(capsys, "--language", "pt_BR", "stats", "--from",
                                      "2026-03-02", "--to", "2026-03-01")
    assert err == "fibromap: --from 2026-03-02 é depois de --to 2026-03-01\n"


def test_french_says_zero_and_one_alike():
    with using("fr"):
        assert (_flares(0), _flares(1), _flares(2)) == ("0 crise", "1 crise", "2 crises")
    with using("de"):
        assert (_flares(0), _flares(1)) == ("0 Schübe", "1 Schub")


@pytest.mark.parametrize("language", ["en", None])
def test_english_help_is_unchanged(capsys, language):
    args = ["--language", language, "--help"] if language else ["--help"]
    _code, out, _err, _language = run(capsys, *args)
    assert "a private spasm and pain logger. Without a command, starts the app." in out
    assert "write the appointment report as a PDF" in out
    # The man page is made from the parser in English, whatever the language before.
    assert build_parser().description.startswith("FibroMap: a private spasm")


def test_a_full_disk_is_said_in_german_whatever_writes(tmp_path):
    import errno

    import pytest

    from fibromap import atomic
    from fibromap.errors import FibroMapError
    from fibromap.i18n import using

    with using("de"), pytest.raises(FibroMapError) as refused:
        with atomic.replacing(tmp_path / "bericht.pdf", failure="Bericht nicht gespeichert"):
            raise OSError(errno.ENOSPC, "No space left on device")
    assert str(refused.value) == ("Bericht nicht gespeichert: die Festplatte ist voll; es wurde "
                                  "nichts geschrieben")
    assert not list(tmp_path.iterdir())
