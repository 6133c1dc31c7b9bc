"""Hypothesis strategies for valid domain objects."""

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse
from fibromap.domain.vocabulary import BUILTIN_TERMS, TermKind

REGIONS = sorted(region.id for region in load_atlas())


def _keys(kind: TermKind) -> list[str]:
    return [t.key for t in BUILTIN_TERMS if t.kind is kind]


intensities = st.integers(0, 10)
offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
onsets = st.builds(lambda moment, tz: moment.replace(tzinfo=tz),
                   st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1)).map(
                       lambda d: d.replace(microsecond=0)), offsets)
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=200)


@st.composite
def flares(draw) -> Flare:
    regions = draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=8, unique=True))
    split = draw(st.integers(1, len(regions)))
    sources, zones = regions[:split], regions[split:]
    sites = [SpasmSite(r, draw(intensities), draw(st.sampled_from([SiteRole.SPASM,
                                                                    SiteRole.TRIGGER_POINT])))
             for r in sources]
    # A referred zone may be left unrated, and its referrals with it.
    sites += [SpasmSite(r, draw(st.none() | intensities), SiteRole.REFERRED) for r in zones]
    links = draw(st.lists(st.tuples(st.sampled_from(sources), st.sampled_from(zones)),
                          unique=True, max_size=6)) if zones else []
    duration = draw(st.none() | st.integers(1, 7 * 24 * 3600))
    return Flare(
        onset=draw(onsets),
        sites=tuple(draw(st.permutations(sites))),
        referrals=tuple(Referral(s, z, draw(st.none() | intensities)) for s, z in links),
        duration_seconds=duration,
        still_going=duration is None and draw(st.booleans()),  # else its length was not given
        context=draw(st.none() | st.sampled_from(_keys(TermKind.CONTEXT))),
        qualities=frozenset(draw(st.lists(st.sampled_from(_keys(TermKind.QUALITY)), max_size=3))),
        triggers=frozenset(draw(st.lists(st.sampled_from(_keys(TermKind.TRIGGER)), max_size=4))),
        treatments=tuple(TreatmentUse(t, draw(st.none() | intensities), draw(texts.map(lambda s: s[:120])),
                                      draw(texts.map(lambda s: s[:120])))
                         for t in draw(st.lists(st.sampled_from(_keys(TermKind.TREATMENT)),
                                                max_size=3))),
        impacts=draw(st.dictionaries(st.sampled_from(list(ImpactArea)), st.integers(0, 3))),
        notes=draw(texts),
    )
