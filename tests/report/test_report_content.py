"""What the report says, against records worked out by hand: nothing dropped, the
medication list, check-ins, impacts, denominators, fair comparisons, left and right."""

import re
from datetime import date, timedelta

import pytest

from fibromap.analysis.changes import MIN_DAYS, previous_period
from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.cli import main
from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.flare import IMPACT_LEVELS, Flare, ImpactArea, SpasmSite, TreatmentUse
from fibromap.domain.questionnaires import Questionnaire, QuestionnaireKind
from fibromap.domain.wording import STILL_GOING_TEXT, duration_text
from fibromap.i18n import _, ngettext, npgettext, pgettext
from fibromap.i18n.formats import day as day_text
from fibromap.i18n.formats import decimal, whole
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME
from fibromap.store.store import Store
from fibromap.ui.settings import Settings
from tests.helpers.pdf import words
from tests.helpers.records import at

END = date(2026, 4, 30)
# The report's sentences are checked as the catalogue says them with the numbers they carry,
# so the tests hold in any language; the English wording is tests/i18n/test_report_words.py's.


def too_short(n: int) -> str:
    return ngettext(
        "A period of {count} day is too short to compare with the one before (at least "
        "{needed} days are needed).",
        "A period of {count} days is too short to compare with the one before (at least "
        "{needed} days are needed).", n).format(count=whole(n), needed=MIN_DAYS)


def days_in(n: int) -> str:
    """So many days after "of" or "in" (the report's own context for German's dative)."""
    return npgettext("after of or in (German dative)", "{n} day", "{n} days", n).format(
        n=whole(n))


def clauses_sep() -> str:
    return pgettext("between the parts of a sentence", "; ")


def days_of(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=whole(n))


def measure(label: str, mean: float, unit: str, days: int) -> str:
    """A check-in answer's line: its mean over the days answered."""
    return _("{measure}: {mean}{unit} ({days})").format(
        measure=_(label), mean=decimal(mean), unit=_(unit), days=days_of(days))


def flares_of(n: int) -> str:
    return ngettext("{n} flare", "{n} flares", n).format(n=whole(n))


def report(tmp_path, *args) -> str:
    target = tmp_path / "report.pdf"
    assert main(["report", *args, "-o", str(target)]) == 0
    return words(target)


def sss(day, fatigue):
    return Questionnaire(QuestionnaireKind.SSS, day, {
        "fatigue": fatigue, "waking_unrefreshed": 1, "cognitive": 1, "headaches": False,
        "lower_abdominal_pain": False, "depression": False})


def test_a_year_lists_every_result_or_says_it_summarises(tmp_path, sqlite_url, paths, capsys):
    store = Store.open(sqlite_url, paths)
    start = END - timedelta(days=364)
    days = [start + timedelta(days=14 * i) for i in range(26)]
    for i, day in enumerate(days):
        store.questionnaires.put(sss(day, i % 4))
    store.flares.add(Flare(onset=at(2026, 4, 29, 9), sites=(SpasmSite("soleus.left", 5),)))
    store.close()
    text = report(tmp_path, "--from", start.isoformat(), "--to", END.isoformat())
    # The latest six are listed, the count is said, and the most recent months are there.
    assert _("{name}: the latest {latest} of {count}; the chart shows all").format(
        name="SSS", latest=6, count=26) in text
    assert f"{day_text(days[-1])}: SSS" in text and f"{day_text(days[-6])}: SSS" in text
    assert f"{day_text(days[-7])}: SSS" not in text


def test_medications_checkins_impacts_and_trigger_denominators(tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.medications.add(Medication("Pregabalin", "75 mg twice daily", date(2026, 1, 10),
                                     date(2026, 4, 9)))
    store.medications.add(Medication("Pregabalin", "150 mg twice daily", date(2026, 4, 10)))
    store.medications.add(Medication("Magnesium", "300 mg", date(2025, 6, 1)))
    store.checkins.put_many([CheckIn(END - timedelta(days=i), sleep_hours=5 + i % 3,
                                     woken_by_spasms=i % 2, fatigue=6,
                                     pain=3 + i if i < 4 else None,
                                     waking_unrefreshed=i % 4 if i < 6 else None)
                             for i in range(10)])
    flares = []
    for i in range(8):
        day = END - timedelta(days=i)
        flares.append(Flare(onset=at(day.year, day.month, day.day, 3),
                            sites=(SpasmSite("soleus.left", 6),),
                            triggers=frozenset({"poor_sleep"}) if i < 3 else frozenset(),
                            impacts={ImpactArea.SLEEP: 2} if i < 5 else {},
                            treatments=(TreatmentUse("medication", 7, "Cyclobenzaprine", "5 mg"),)
                            if i < 2 else ()))
    store.flares.add_many(flares)
    store.notes.put(PATIENT_NAME, "Ada Example")
    store.notes.put(PATIENT_BIRTH_DATE, "3 March 1970")
    store.close()
    text = report(tmp_path, "--from", "2026-04-01", "--to", END.isoformat())
    patient = "Ada Example, " + _("born {date}").format(date="3 March 1970")
    assert _("Patient: {patient}.").format(patient=patient) in text
    assert _("Medications on {date}").format(date=day_text(END)) in text
    since = _(", since {date}")
    assert "Pregabalin 150 mg twice daily" + since.format(date=day_text(date(2026, 4, 10))) in text
    assert "Magnesium 300 mg" + since.format(date=day_text(date(2025, 6, 1))) in text
    assert "75 mg twice daily" + since.split("{")[0] not in text  # stopped before the last day
    stopped = _("{date}: {change}").format(date=day_text(date(2026, 4, 9)), change=_(
        "stopped {medication}").format(medication="Pregabalin 75 mg twice daily"))
    started = _("{date}: {change}").format(date=day_text(date(2026, 4, 10)), change=_(
        "started {medication}").format(medication="Pregabalin 150 mg twice daily"))
    assert stopped in text and started in text and text.index(stopped) < text.index(started)
    # 10 check-ins: sleep 5, 6, 7, 5, 6, 7, 5, 6, 7, 5 hours -> 5.9; woken 0,1,… -> 0.5
    title = ngettext("Daily check-in ({filled} of {n} day filled in; means of the days answered)",
                     "Daily check-in ({filled} of {n} days filled in; means of the days answered)",
                     30).format(filled=10, n=30)
    assert measure("Sleep", 5.9, " h", 10) in text
    # Pain 3, 4, 5, 6 on four days, unanswered on six -> 4.5 over 4 days, listed first;
    # waking unrefreshed 0, 1, 2, 3, 0, 1 -> 7 / 6 = 1.2 of 3.
    assert f"{title} {measure('Overall pain', 4.5, ' of 10', 4)}" in text
    assert measure("Waking unrefreshed", 7 / 6, " of 3", 6) in text
    assert _("Stiffness") not in text  # never answered: not shown at all, never as 0
    assert measure("Woken by spasms", 0.5, " times a night", 10) in text
    assert ngettext("{area}: rated in {rated} of {n} flare ({levels}).",
                    "{area}: rated in {rated} of {n} flares ({levels}).", 8).format(
        area=_("Sleep"), rated=5, n=8, levels=f"{_(IMPACT_LEVELS[2])} 5") in text
    # One trigger and one treatment: the summary names them whole, with their denominators.
    store = Store.open(sqlite_url, paths)
    data = load_report(store, Period(date(2026, 4, 1), END), load_atlas())
    store.close()
    [(_key, trigger, logged)], [(_k, relief, rated, mean)] = data.triggers, data.treatments
    assert (logged, rated, mean) == (3, 2, 7.0)
    assert _("Worse or better: {worse}; {better}.").format(
        worse=_("logged most often with flares: {triggers}").format(
            triggers=_("{label} ({n} of {total})").format(label=trigger, n=3, total=8)),
        better=_("most relief: {helped}").format(helped=_("{label} {mean} of 10 ({n}×)").format(
            label=relief, mean=decimal(7.0), n=2))) in text
    assert _("Possible triggers logged") not in text  # not a second time
    assert _("Page {page} of {total}").split("{total}")[0].format(page=1) in text
    footer = _("{app} record — {patient} — {period}").split("{period}")[0]
    assert footer.format(app="FibroMap", patient=patient) in text  # the patient on each page


def test_no_comparison_from_a_short_or_unrecorded_previous_period(tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([Flare(onset=at(2026, 4, d, 9), sites=(SpasmSite("soleus.left", 5),))
                           for d in range(1, 31)])
    store.close()
    one_day = report(tmp_path, "--from", "2026-04-30", "--to", "2026-04-30")
    assert too_short(1) in one_day
    assert _("Better") not in one_day and _("Less often") not in one_day
    fresh = report(tmp_path, "--from", "2026-04-01", "--to", "2026-04-30")
    assert _("Records began on {day}, so the previous {days} days ({period}) are not fully "
             "recorded: no comparison is possible.").format(
        day=day_text(date(2026, 4, 1)), days=30,
        period=previous_period(Period(date(2026, 4, 1), END)).label()) in fresh
    assert _("{change}: {region} — {before} → {now}").split("{region}")[0].format(
        change=_("New")) not in fresh


def test_only_changes_beyond_chance_are_listed(tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    flares = []
    for day in range(1, 61):  # March and April 2026 recorded every day
        when = date(2026, 3, 1) + timedelta(days=day - 1)
        sites = [SpasmSite("upper_trapezius.left", 4)]  # the same every day: no change
        if when.month == 4:
            sites.append(SpasmSite("soleus.left", 6))     # 30 in April, none in March
        if when.day % 10 == 0:
            sites.append(SpasmSite("biceps.left", 3))     # 3 against 3: noise
        flares.append(Flare(onset=at(when.year, when.month, when.day, 9), sites=tuple(sites)))
    store.flares.add_many(flares)
    store.close()
    text = report(tmp_path, "--from", "2026-03-31", "--to", "2026-04-29")
    atlas = load_atlas()
    new = _("{change}: {region} — {before} → {now}").format(
        change=_("New"), region=atlas.name("soleus.left"), before=0, now=flares_of(29))
    assert text.count(new) == 1  # 31 Mar is in the period
    # The same every day, and 3 against 3: neither is listed as a change.
    for region in ("upper_trapezius.left", "biceps.left"):
        assert f": {atlas.name(region)} — " not in text


def front_sides(target) -> tuple[float, float]:
    """Where the front figure's R and L stand across the page (x of each, points)."""
    import pdfplumber

    from fibromap.domain.atlas import View
    from fibromap.figure.body_figures import side_letters, view_title

    front, (left, right) = view_title(View.FRONT), side_letters()
    with pdfplumber.open(target) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            fronts = [w for w in words if w["text"] == front]  # the caption's, the title
            if not fronts:
                continue
            title = max(fronts, key=lambda w: w["top"])
            below = [w for w in words if w["text"] in (right, left) and w["x0"] < page.width / 2
                     and title["top"] < w["top"] < title["top"] + 120]
            sides = {w["text"]: w["x0"] for w in below}
            return sides[right], sides[left]
    raise AssertionError("no front figure in the report")


def test_the_report_faces_the_clinician_by_default_and_offers_the_mirror(tmp_path, sqlite_url,
                                                                        paths):
    """The clinician's view of CHOIR's body map, the BPI and the ACR diagram: the patient's
    right on the left of the page, said over the figures, whatever the body map shows; the
    report's setting, or --front patient, gives the mirror view."""
    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 4, 29, 9), sites=(SpasmSite("soleus.left", 5),)))
    store.close()
    from fibromap.figure.orientation import Orientation
    from fibromap.report.body_maps import SIDES, TITLE

    settings = Settings(paths.settings_file)
    settings.orientation = Orientation.PATIENT  # the Log's map as in a mirror
    facing = report(tmp_path, "--to", END.isoformat())
    said = _(SIDES[Orientation.CLINICIAN])
    title = _(TITLE)
    assert said in facing and facing.index(title) < facing.index(said) < facing.index(title) + 200
    right, left = front_sides(tmp_path / "report.pdf")
    assert right < left  # the figure's own R and L agree
    mirror = report(tmp_path, "--to", END.isoformat(), "--front", "patient")
    assert _(SIDES[Orientation.PATIENT]) in mirror and said not in mirror
    right, left = front_sides(tmp_path / "report.pdf")
    assert right > left
    settings.report_orientation = Orientation.PATIENT  # chosen for the report: kept
    assert _(SIDES[Orientation.PATIENT]) in report(tmp_path, "--to", END.isoformat())


def test_a_day_is_not_scaled_up_to_a_week(tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([Flare(onset=at(2026, 4, 30, h), sites=(SpasmSite("soleus.left", 5),))
                           for h in (3, 9, 15, 21)])
    store.close()
    text = report(tmp_path, "--from", "2026-04-30", "--to", "2026-04-30")
    assert (_("How often: {flares} on {with_flares} of {days}").format(
                flares=flares_of(4), with_flares=1, days=days_in(1))
            + _(" (shorter than a week: no weekly rate or chart).")
            + _(" Hours they began in: {hours}.").format(
                hours="03:00 (1), 09:00 (1), 15:00 (1), 21:00 (1)")) in text
    weekly = _("How often: flares per 7 days, with the mean intensity (line, 0–10)")
    assert weekly not in text and not re.search(r"\d a week", text)


def test_sleep_and_activity_a_device_measured_are_summed_up_by_hand(tmp_path, sqlite_url, paths):
    from fibromap.exchange.files import import_file
    from tests.exchange.devices.test_apple_health import EVERYTHING
    from tests.helpers.device_exports import write_apple_health

    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 3, 5, 9), sites=(SpasmSite("soleus.left", 5),)))
    import_file(store, write_apple_health(tmp_path, EVERYTHING))
    store.close()
    text = report(tmp_path, "--from", "2026-03-01", "--to", "2026-03-31")
    title = _("Sleep and activity, measured by a device")
    section = " ".join(text.split(title)[1].split()[:80])
    # The watch's nights of the 2nd, 10th and 29th (the phone's record of the 2nd is the same
    # night): 418, 480 and 420 minutes asleep; 470, 480 and 420 in bed; 1, 0 and 0
    # awakenings; to bed 22:50, 23:00 and 23:30; up 06:40, 07:00 and 07:30.
    assert section.startswith(" ".join([
        _("Nights: {nights}; {asleep} h asleep a night on average, {in_bed} h in bed.").format(
            nights=3, asleep=decimal((418 + 480 + 420) / 3 / 60),
            in_bed=decimal((470 + 480 + 420) / 3 / 60)),
        _("Awakenings (3 minutes or more): {mean} a night on average.").format(mean=decimal(1 / 3)),
        _("Bedtime: {bedtime}, waking: {waking} (medians).").format(bedtime="23:00",
                                                                   waking="07:00"),
        _("Naps: {naps}, a median of {minutes} min.").format(naps=1, minutes=decimal(40, 0)),
        ngettext("Steps: {steps} a day on average ({count} day).",
                 "Steps: {steps} a day on average ({count} days).", 2).format(
            steps=whole(1550), count=2)]))
    no_devices = report(tmp_path, "--from", "2026-02-01", "--to", "2026-02-28")
    assert title not in no_devices


def test_lengths_and_an_unrated_referred_zone_are_said_as_they_are(tmp_path, sqlite_url, paths):
    """Issue 30: the report said "not recorded" for every flare with no length (History said
    "still going"), and the temple, never rated, counted at its source's 7."""
    from tests.helpers.records import temple_flare

    store = Store.open(sqlite_url, paths)
    store.flares.add_many([
        temple_flare(onset=at(2026, 4, 20, 6)),                                 # still going
        temple_flare(onset=at(2026, 4, 21, 6), still_going=False),              # not given
        Flare(onset=at(2026, 4, 22, 9), duration_seconds=600, sites=(SpasmSite("soleus.left", 3),)),
    ])
    store.close()
    text = report(tmp_path, "--from", "2026-04-01", "--to", END.isoformat())
    assert (ngettext("Typical duration: {length} (median of {n} flare with a length)",
                     "Typical duration: {length} (median of {n} flares with a length)", 1).format(
                length=duration_text(600), n=1)
            + clauses_sep() + ", ".join([
                ngettext("{n} flare {still_going} when recorded",
                         "{n} flares {still_going} when recorded", 1).format(
                    n=1, still_going=_(STILL_GOING_TEXT)),
                ngettext("{n} flare with no length given", "{n} flares with no length given",
                         1).format(n=1)]) + ".") in text
    # The mean is of the rated marks: (7 + 7 + 3) / 3 on the neck (twice) and the calf, the
    # temple left out and said so; marks are counted apart from the regions they are on.
    assert ngettext(
        "How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
        "{regions} (a mark: one region in one flare; 0 is not pain; {n} referred zone not "
        "rated is left out).",
        "How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
        "{regions} (a mark: one region in one flare; 0 is not pain; {n} referred zones not "
        "rated are left out).", 2).format(
        mean=decimal(17 / 3), highest=7, n=2,
        marks=ngettext("{n} mark", "{n} marks", 3).format(n=3),
        regions=ngettext("{n} different region", "{n} different regions", 2).format(n=2)) in text
    temple = load_atlas().name("temple.left")
    assert f"{temple}: 2, {_('referred, not rated')}" in text
    assert _(" Referred zones not rated are left out of the mean intensity.").strip() in text


@pytest.mark.plain_only("wording: nothing here depends on how the file is kept")
def test_a_single_one_of_everything_is_said_in_the_singular(tmp_path, sqlite_url, paths):
    """Issue 31: "1 regions", "1 flares", "1 days", "since the previous 1 days"."""
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([
        Flare(onset=at(2026, 3, 20, 9), sites=(SpasmSite("soleus.left", 4),)),   # the period before
        Flare(onset=at(2026, 4, 20, 9), duration_seconds=60, sites=(SpasmSite("soleus.left", 5),),
              triggers=frozenset({"poor_sleep"}), qualities=frozenset({"cramping"}),
              impacts={ImpactArea.SLEEP: 1}, treatments=(TreatmentUse("heat", 6),))])
    store.checkins.put_many([CheckIn(date(2026, 4, 20), pain=4)])
    store.close()
    one_day = report(tmp_path, "--from", "2026-04-20", "--to", "2026-04-20")
    for text in (report(tmp_path, "--from", "2026-04-01", "--to", END.isoformat()), one_day):
        plural = re.findall(r"\b1 (?:[a-z-]+ )?(?:flares|regions|days|marks|weeks|numbers|patterns|"
                            r"triggers|check-ins|questionnaires|zones)\b", text)
        assert plural == [], plural
    assert _("How often: {flares} on {with_flares} of {days}").format(
        flares=flares_of(1), with_flares=1, days=days_in(1)) in one_day
    assert _("How strong (0–10): mean {mean}, highest {highest}, over {marks} in pain on "
             "{regions} (a mark: one region in one flare; 0 is not pain).").format(
        mean=decimal(5), highest=5, marks=ngettext("{n} mark", "{n} marks", 1).format(n=1),
        regions=ngettext("{n} different region", "{n} different regions", 1).format(
            n=1)) in one_day
    assert "previous 1 days" not in one_day and too_short(1) in one_day
