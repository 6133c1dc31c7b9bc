"""Exports while the records are protected: sealed with the passphrase by default, read
back on import with it; plain text only when asked for, and then with a warning."""

import json

import pytest

from fibromap import cli
from fibromap.domain import sealing
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.errors import FibroMapError
from fibromap.exchange.files import (
    PROTECTED_PLAIN_WARNING, SEALED_NOTE, SealedExport, export_file, import_file,
)
from fibromap.exchange.record_kinds import counted_kind
from fibromap.i18n import _ as gettext
from fibromap.store import cipher
from fibromap.store.store import Store
from tests.helpers.records import at
from tests.helpers.refusals import fits, refused, says
from tests.store.test_cipher import readable


def added(out: str, flares: int) -> None:
    """The import's outcome says it added ``flares`` flares."""
    said = fits(out.strip(), "{format}: {outcome}")["outcome"]
    assert fits(said, "added {things}")["things"].startswith(counted_kind(flares, "flares"))


NOTE = "Shoulder seized while carrying the shopping up the stairs"


@pytest.fixture
def passphrase_file(tmp_path):
    target = tmp_path / "pass.txt"
    target.write_text("sealed with care\n")
    return str(target)


def protected_store(sqlite_url, paths) -> Store:
    store = Store.open(sqlite_url, paths, passphrase="sealed with care")
    store.flares.add(Flare(onset=at(2026, 5, 2, 8), sites=(SpasmSite("upper_trapezius.left", 7),),
                           notes=NOTE))
    return store


def test_a_sealed_export_round_trips_and_holds_no_readable_note(sqlite_url, paths, tmp_path):
    store = protected_store(sqlite_url, paths)
    target = tmp_path / "export.json"
    export_file(store, "json", target, passphrase="sealed with care")
    store.close()
    assert sealing.is_sealed(target.read_bytes()) and not readable(target, NOTE)
    assert not readable(target, "upper_trapezius")
    assert list(tmp_path.glob(".*partial")) == []
    other = Store.open(f"sqlite:///{tmp_path / 'other.sqlite3'}", paths)
    with refused(SealedExport, None, target):
        import_file(other, target)
    with pytest.raises(sealing.CannotUnseal):
        import_file(other, target, passphrase="not it")
    assert other.flares.count() == 0
    report = import_file(other, target, passphrase="sealed with care")
    assert report.result.added["flares"] == 1
    [flare] = other.flares.between()
    assert flare.notes == NOTE and flare.sites[0].region == "upper_trapezius.left"
    other.close()


def test_a_changed_sealed_export_is_refused_whole(sqlite_url, paths, tmp_path):
    store = protected_store(sqlite_url, paths)
    target = tmp_path / "export.json"
    export_file(store, "json", target, passphrase="sealed with care")
    document = json.loads(target.read_text())
    raw = bytearray(sealing._unb64(document["ciphertext"]))
    raw[10] ^= 1
    document["ciphertext"] = sealing._b64(bytes(raw))
    target.write_text(json.dumps(document))
    with pytest.raises(sealing.CannotUnseal):
        import_file(store, target, passphrase="sealed with care")
    document["version"] = 2
    target.write_text(json.dumps(document))
    with pytest.raises(FibroMapError) as told:
        import_file(store, target, passphrase="sealed with care")
    says(told.value, "the sealed file is version {version}, from a newer FibroMap; update "
         "FibroMap to open it", version=2)
    store.close()


def test_the_command_line_seals_by_default_and_warns_about_plain(capsys, sqlite_url, paths,
                                                                 tmp_path, passphrase_file):
    protected_store(sqlite_url, paths).close()
    cipher.forget_all()
    out_file = tmp_path / "out.json"
    assert cli.main(["export", "-o", str(out_file), "--passphrase-file", passphrase_file]) == 0
    out, err = capsys.readouterr()
    assert gettext(SEALED_NOTE) in out and err == "" and sealing.is_sealed(out_file.read_bytes())
    cipher.forget_all()
    csv_file = tmp_path / "out.csv"
    assert cli.main(["export", "--format", "csv", "-o", str(csv_file),
                     "--passphrase-file", passphrase_file]) == 1
    fits(capsys.readouterr().err, "your records are protected, and a {format} export would hold "
         "them in plain text: add --plain to write it all the same, or export --format "
         "{sealable}, which is sealed with your passphrase", whole=False, format="csv")
    assert not csv_file.exists()
    cipher.forget_all()
    assert cli.main(["export", "--format", "csv", "--plain", "-o", str(csv_file),
                     "--passphrase-file", passphrase_file]) == 0
    _out, err = capsys.readouterr()
    assert gettext("fibromap: warning: {warning}").format(warning=gettext(PROTECTED_PLAIN_WARNING)) in err
    assert readable(csv_file, NOTE)
    # Importing the sealed export elsewhere, with its passphrase.
    other = tmp_path / "other.sqlite3"
    assert cli.main(["import", str(out_file), "--database", str(other)]) == 1
    fits(capsys.readouterr().err, "{path} is a sealed FibroMap export: give its passphrase "
         "(--file-passphrase-file FILE on the command line)", whole=False, path=out_file)
    assert cli.main(["import", str(out_file), "--database", str(other),
                     "--file-passphrase-file", passphrase_file]) == 0
    added(capsys.readouterr().out, 1)


def test_a_sealed_export_imports_into_a_database_with_another_passphrase(capsys, sqlite_url,
                                                                         paths, tmp_path,
                                                                         passphrase_file):
    protected_store(sqlite_url, paths).close()
    cipher.forget_all()
    sealed = tmp_path / "from-elsewhere.json"
    other_pass = tmp_path / "export-pass.txt"
    other_pass.write_text("the export's own\n")
    source = Store.open(f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}", paths)
    source.flares.add(Flare(onset=at(2026, 6, 1, 8), sites=(SpasmSite("soleus.right", 3),)))
    export_file(source, "json", sealed, passphrase="the export's own")
    source.close()
    code = cli.main(["import", str(sealed), "--passphrase-file", passphrase_file])
    assert code == 1
    fits(capsys.readouterr().err, "the passphrase does not open this file (or the file was "
         "changed)", whole=False)
    cipher.forget_all()
    assert cli.main(["import", str(sealed), "--passphrase-file", passphrase_file,
                     "--file-passphrase-file", str(other_pass)]) == 0
    added(capsys.readouterr().out, 1)
    # A report of the protected records says that the PDF is not protected.
    cipher.forget_all()
    assert cli.main(["report", "-o", str(tmp_path / "r.pdf"), "--from", "2026-05-01",
                     "--to", "2026-06-30", "--passphrase-file", passphrase_file]) == 0
    assert gettext("fibromap: warning: {warning}").format(warning=gettext(PROTECTED_PLAIN_WARNING)) in capsys.readouterr().err
