"""Repeated-claim matching: rewordings linked, guards, reviewer decisions final, rumor operations."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import text as sql_text
from sqlmodel import select

from app import review
from app.config import MatchSettings, Settings
from app.ingest import ArticleInput
from app.matching import rematch_all
from app.pipeline import store_article
from app.similarity import guards, prepare
from db import Claim, ClaimLink, Rumor, session

STORIES = [
    ("2026-04-01", "North Star", "The harbour master of Velm was arrested on Monday for taking bribes from shipping firms, police said."),
    ("2026-04-02", "Coast Post", "Police arrested the harbour master of Velm on Monday over bribes taken from shipping firms."),
    ("2026-04-03", "Daily Velm", "The Velm harbour master was arrested on Monday, accused of taking bribes from shipping firms."),
    ("2026-04-04", "Bay Times", "The new ferry terminal in Velm will open in June after two years of building work, the council said."),
]  # fmt: skip


def add(s, settings, published, outlet, text):
    art = ArticleInput(text=text, source=outlet, title=text[:30], outlet=outlet, published=published)
    article, claims, _w, _linked = store_article(s, art, settings)
    s.commit()
    assert article is not None and claims
    return claims


def rumors_as_sets(s):
    out = {}
    for c in s.exec(select(Claim).where(Claim.rumor_id.is_not(None))).all():
        out.setdefault(c.rumor_id, set()).add(c.text)
    return sorted(sorted(v) for v in out.values())


@pytest.fixture
def desk(engine, settings):
    with session(engine) as s:
        for story in STORIES:
            add(s, settings, *story)
        yield s


FERRY = [
    ("2026-04-05", "X", "The council said the new ferry terminal in Velm will open in June after two years of work."),
    ("2026-04-06", "Y", "After two years of building work the new Velm ferry terminal will open in June, the council said."),
]  # fmt: skip


@pytest.fixture
def two_rumors(engine, settings):
    """A session holding two rumors of two claims each: the harbour master's arrest, the ferry terminal."""
    with session(engine) as s:
        for story in STORIES[:2] + FERRY:
            add(s, settings, *story)
        yield s


def test_a_reworded_claim_is_linked_across_stories_and_unrelated_ones_are_not(desk):
    (rumor,) = desk.exec(select(Rumor)).all()
    texts = {c.text for c in desk.exec(select(Claim).where(Claim.rumor_id == rumor.id)).all()}
    assert len(texts) == 3
    assert not any("ferry" in t for t in texts)
    assert rumor.first_seen == "2026-04-01" and rumor.last_seen == "2026-04-03"


@pytest.mark.parametrize(
    ("a", "b", "guard"),
    [
        ("the harbour master of Velm took bribes from three shipping firms", "the harbour master of Velm did not take bribes from three shipping firms", "one is negated"),
        ("the harbour master of Velm took bribes from 3 shipping firms last year", "the harbour master of Velm took bribes from 4 shipping firms last year", "numbers differ"),
        ("the harbour master of Velm had back surgery at a clinic in October", "the harbour master of Velm had back surgery at a clinic in November", "dates differ"),
        ("the minister Anna Berg took bribes from three shipping firms in Velm", "the minister Karl Ostrow took bribes from three shipping firms in Velm", "different people"),
        ("the harbour master of Velm was arrested on Monday for taking bribes", "the harbour master of Velm was arrested on Friday for taking bribes", "dates differ"),
        ("the harbour master took bribes", "the harbour master took bribes in Velm", "short claim"),
        ("President Aurel Vesna of Karvonia is seriously ill with blood cancer", "President Aurel Vesna of Karvonia has been in hospital since suffering a stroke", "only names shared"),
        # "he" may be anyone: a verdict on Vesna's rumor must not reach a claim about someone else
        ("he is seriously ill with blood cancer and was treated at a clinic", "President Aurel Vesna is seriously ill with blood cancer and was treated at a clinic", "unnamed person"),
        ("but he has not been seen in public since the third of October", "President Vesna has not been seen in public since the third of October", "unnamed person"),
        # a young database finds every shared word rare: a weekday and a number are not a claim
        ("about 3,000 dockworkers at the port walked off the job on Wednesday for three days", "the river was expected to peak on Wednesday, three days after the storm", "little in common"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("meaning", [False, True], ids=["words", "meaning"])
def test_each_guard_keeps_a_pair_from_being_automatic(engine, settings, a, b, guard, meaning):
    settings = replace(settings, match=replace(settings.match, meaning=meaning))
    assert guard in guards(prepare(1, a), prepare(2, b), settings.match.min_auto_words)
    with session(engine) as s:
        add(s, settings, "2026-05-01", "A", a[0].upper() + a[1:] + ", officials said.")
        add(s, settings, "2026-05-02", "B", b[0].upper() + b[1:] + ", officials said.")
        links = s.exec(select(ClaimLink)).all()
        # (a weekday and a number in common are no longer enough even for a suggestion)
        assert links or guard == "little in common", "similar enough to be suggested"
        assert all(lk.state == "suggested" for lk in links)
        assert s.exec(select(Rumor)).all() == []


def test_the_modal_may_is_not_a_month():
    hedged = prepare(1, "the president may have had back surgery at a clinic in October")
    plain = prepare(2, "the president had back surgery at a clinic in October")
    assert guards(hedged, plain, 8) == []
    assert "dates differ" in guards(prepare(3, "the minister will resign in May after the port scandal"),
                                    prepare(4, "the minister will resign in June after the port scandal"), 8)  # fmt: skip


def test_a_rejected_link_stays_rejected_and_a_confirmed_one_stays_when_matching_reruns(desk, settings):
    links = desk.exec(select(ClaimLink).order_by(ClaimLink.id)).all()
    rejected = review.reject_link(desk, links[0].id, "ana")
    confirmed = review.confirm_link(desk, links[1].id, "ana")
    strict = MatchSettings(suggest_threshold=95, auto_threshold=99.9)  # a threshold change
    rematch_all(desk, strict)
    desk.commit()
    again = desk.get(ClaimLink, rejected.id, populate_existing=True)
    assert (again.state, again.decided_by) == ("rejected", "ana")
    kept = desk.get(ClaimLink, confirmed.id, populate_existing=True)
    assert (kept.state, kept.decided_by) == ("confirmed", "ana")
    pairs = [(lk.claim_a, lk.claim_b) for lk in desk.exec(select(ClaimLink)).all()]
    assert len(pairs) == len(set(pairs)), "a rejected pair never comes back as a new link"


def test_merge_split_canonical_and_undo(two_rumors, settings):
    s = two_rumors
    r1, r2 = s.exec(select(Rumor).order_by(Rumor.id)).all()
    kept = review.merge_rumors(s, r1.id, r2.id, "ana")
    assert s.get(Rumor, r2.id) is None
    assert len(s.exec(select(Claim).where(Claim.rumor_id == kept.id)).all()) == 4
    review.undo(s, "ana", settings)
    assert len(s.exec(select(Claim).where(Claim.rumor_id == r1.id)).all()) == 2
    assert len(s.exec(select(Claim).where(Claim.rumor_id == r2.id)).all()) == 2
    member = s.exec(select(Claim).where(Claim.rumor_id == r2.id).order_by(Claim.id)).all()[-1]
    review.set_canonical(s, r2.id, member.id, "ana")
    assert s.get(Rumor, r2.id).canonical_claim_id == member.id
    review.split_claim(s, member.id, "ana")
    assert s.get(Claim, member.id).rumor_id is None
    assert s.get(Rumor, r2.id) is None, "a rumor of one claim is no rumor"
    rematch_all(s, settings.match)
    s.commit()
    assert s.get(Claim, member.id, populate_existing=True).rumor_id is None, "a split claim stays out"
    review.undo(s, "ana", settings)  # the split
    assert s.get(Claim, member.id, populate_existing=True).rumor_id is not None


def test_a_claim_confirmed_into_a_rumor_stays_there_when_matching_reruns(desk, settings):
    (friday,) = add(
        desk, settings, "2026-04-07", "Quay News", "Police said the Velm harbour master was arrested on Friday."
    )
    links = desk.exec(select(ClaimLink).where(ClaimLink.claim_b == friday.id).order_by(ClaimLink.score.desc())).all()
    assert links and all(lk.state == "suggested" for lk in links), "Friday is not Monday: never automatic"
    review.confirm_link(desk, links[0].id, "ana")
    harbour = {
        c.id for c in desk.exec(select(Claim).where(Claim.rumor_id == desk.get(Claim, friday.id).rumor_id)).all()
    }
    assert len(harbour) == 4
    chosen = max(harbour - {friday.id, links[0].claim_a})  # neither end of the confirmed link
    review.set_canonical(desk, desk.get(Claim, friday.id).rumor_id, chosen, "ana")
    rematch_all(desk, settings.match)
    desk.commit()
    rumor_id = desk.get(Claim, friday.id, populate_existing=True).rumor_id
    assert rumor_id is not None, "the reviewer's confirmation outlives a re-run"
    assert {c.id for c in desk.exec(select(Claim).where(Claim.rumor_id == rumor_id)).all()} == harbour
    assert desk.get(Rumor, rumor_id, populate_existing=True).canonical_claim_id == chosen, "and so does their canonical"


def test_confirming_a_suggestion_from_another_rumor_brings_that_claim_into_this_one(two_rumors, settings):
    s = two_rumors
    harbour, ferry = s.exec(select(Rumor).order_by(Rumor.id)).all()
    h = s.exec(select(Claim).where(Claim.rumor_id == harbour.id).order_by(Claim.id)).all()
    f = s.exec(select(Claim).where(Claim.rumor_id == ferry.id).order_by(Claim.id)).all()
    link = ClaimLink(claim_a=h[0].id, claim_b=f[1].id, score=30.0, method="similarity", state="suggested")
    s.add(link)
    s.commit()
    # the reviewer, in the harbour rumor's view, says the ferry claim is the same claim
    review.confirm_link(s, link.id, "ana", into=harbour.id)
    assert s.get(Claim, f[1].id).rumor_id == harbour.id
    assert s.get(Claim, f[1].id).rumor_join == "confirmed"
    assert s.get(Rumor, ferry.id) is None, "left with one claim, the ferry rumor is no rumor"
    assert s.get(Claim, f[0].id).rumor_id is None
    rematch_all(s, settings.match)
    s.commit()
    assert s.get(Claim, f[1].id, populate_existing=True).rumor_id == harbour.id, "a confirmation is final"
    review.undo(s, "ana", settings)
    assert s.get(Claim, f[1].id, populate_existing=True).rumor_id == ferry.id
    assert s.get(ClaimLink, link.id, populate_existing=True).state == "suggested"
    assert {c.rumor_id for c in s.exec(select(Claim).where(Claim.id.in_([f[0].id, f[1].id]))).all()} == {ferry.id}


def test_rumor_verdict_applies_to_members_without_one(desk, settings):
    rumor = desk.exec(select(Rumor)).one()
    members = desk.exec(select(Claim).where(Claim.rumor_id == rumor.id).order_by(Claim.id)).all()
    review.set_verdict(desk, members[0].id, "mixed", "ana", settings)
    review.set_rumor_verdict(desk, rumor.id, "true", "ben", settings)
    verdicts = [desk.get(Claim, m.id, populate_existing=True).verdict for m in members]
    assert verdicts == ["mixed", "true", "true"]
    review.undo(desk, "ben", settings)
    assert [desk.get(Claim, m.id, populate_existing=True).verdict for m in members] == ["mixed", None, None]


def test_incremental_matching_gives_the_same_rumors_as_matching_from_scratch(engine, settings, tmp_path):
    from db import open_database

    with session(engine) as s:
        for story in STORIES:
            add(s, settings, *story)
        incremental = rumors_as_sets(s)
        rematch_all(s, settings.match)
        s.commit()
        assert rumors_as_sets(s) == incremental
    other = open_database(tmp_path / "other.db")
    with session(other) as s:  # all at once, in one batch
        for story in STORIES:
            add(s, settings, *story)
        assert rumors_as_sets(s) == incremental


def test_similar_finds_the_checked_claim_with_its_rumor_and_verdict(cli, db_path):
    from app.pipeline import ingest_paths
    from db import open_database

    eng = open_database(db_path)
    with session(eng) as s:
        for story in STORIES:
            add(s, Settings(), *story)
        rumor = s.exec(select(Rumor)).one()
        review.set_rumor_verdict(s, rumor.id, "true", "ana", Settings())
    assert ingest_paths  # the same pipeline the CLI uses
    out = cli(
        "similar",
        "Velm harbour master arrested for bribes from shipping firms",
        "--db",
        db_path,
        "--format",
        "json",
        "--top",
        "2",
    )
    assert out.exit_code == 0, out.output
    rec = json.loads(out.stdout)
    best = rec["results"][0]
    assert "harbour master" in best["claim"] and best["verdict"] == "true" and best["rumor_id"] == rumor.id
    assert {"claim_id", "article_external_id", "claim", "rumor_id", "verdict", "score", "similarity"} <= set(best)
    # "score" is the export's check-worthiness (0-1); the likeness to the query is "similarity"
    assert 0 <= best["score"] <= 1 and best["similarity"] > 50 and best["differences"] == []
    queries = db_path.parent / "q.txt"
    queries.write_text("ferry terminal in Velm opens in June\nharbour master bribes\n")
    lines = cli("similar", "--queries", queries, "--db", db_path).stdout.splitlines()
    assert [json.loads(ln)["query"] for ln in lines] == [
        "ferry terminal in Velm opens in June",
        "harbour master bribes",
    ]
    assert "ferry" in json.loads(lines[0])["results"][0]["claim"]
    # a queries file saved in another encoding (here Windows-1252, with a byte-order-less accent and
    # CRLF) is read, with a warning; one that is not text stops with a message naming it
    queries.write_bytes(
        "harbour master bribes\r\nVelm caf\u00e9 owner says harbour master took bribes\r\n".encode("cp1252")
    )
    out = cli("similar", "--queries", queries, "--db", db_path)
    assert out.exit_code == 0, out.output
    assert [json.loads(ln)["query"] for ln in out.stdout.splitlines()][1].startswith("Velm caf\u00e9")
    assert "q.txt" in out.stderr and "UTF-8" in out.stderr
    queries.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = cli("similar", "--queries", queries, "--db", db_path)
    assert out.exit_code != 0 and "q.txt" in out.output and "not text" in out.output
    assert "Traceback" not in out.output
    # a count that makes no sense is refused rather than read as a slice
    out = cli("similar", "harbour master bribes", "--top", "-3", "--db", db_path)
    assert out.exit_code != 0 and "--top" in out.output


def indexed(claims):
    """The word counts of ``claims`` and a blocking index holding them all."""
    from app.similarity import MemoryIndex, Vocabulary

    vocab = Vocabulary()
    for p in claims:
        vocab.add(p.tokens)
    index = MemoryIndex(vocab)
    for p in claims:
        index.add(p)
    return vocab, index


def test_a_claim_made_only_of_common_words_still_finds_its_retelling():
    """Blocking skips posting lists of very common words, but always reads a claim's two rarest."""
    from app.similarity import MIN_POSTINGS_CAP

    common = ["routine", "inspection", "harbour", "crews", "storms"]
    n = MIN_POSTINGS_CAP + 50  # each word in more stories than the posting-list cap
    fillers = [f"{w} {w}{i}a {w}{i}b {w}{i}c" for w in common for i in range(n)]
    claim = "routine inspection of harbour crews in storms"
    retold = "the harbour crews and storms and the routine inspection"
    preps = [prepare(i, t) for i, t in enumerate([*fillers, claim, retold])]
    _vocab, index = indexed(preps)
    found = [k for k, *_o in index.candidates(preps[-1], 20, before=len(preps) - 1)]
    assert len(preps) - 2 in found


DRIFT = [
    ("2026-05-01", "North Star", "President Aurel Vesna broke both ankles at the Drovna parade and plans to open a restaurant in Lisbon."),
    ("2026-05-02", "Coast Post", "President Aurel Vesna broke both ankles at the Drovna parade last week, a minister said."),
    ("2026-05-03", "Daily Velm", "Aurel Vesna broke both of his ankles at the parade in Drovna, doctors say."),
    ("2026-05-04", "Bay Times", "Both of President Vesna's ankles were broken at the Drovna parade, the palace admitted."),
    ("2026-05-05", "Harbour News", "Aurel Vesna was carried from the Drovna parade with both ankles broken, witnesses said."),
    ("2026-05-06", "Velm Today", "President Aurel Vesna plans to open a restaurant in Lisbon next year."),
]  # fmt: skip


@pytest.mark.parametrize("member_average", [True, False])
def test_a_rumor_does_not_drift_into_another_story_about_the_same_person(engine, settings, member_average):
    """The canonical claim holds two stories; its members tell only one. A claim telling the other
    stays out of the rumor, its link to the canonical only suggested: a claim must resemble the
    rumor's members, not just its canonical claim."""
    if not member_average:
        settings = replace(settings, match=replace(settings.match, min_member_average=0.0))
    with session(engine) as s:
        for story in DRIFT:
            add(s, settings, *story)
        restaurant = s.exec(select(Claim).where(Claim.text.startswith("President Aurel Vesna plans"))).one()
        ankles = s.exec(select(Claim).where(Claim.text.startswith("Aurel Vesna broke both of his"))).one()
        assert ankles.rumor_id is not None
        joined = restaurant.rumor_id == ankles.rumor_id
        assert joined is not member_average
        canonical = s.exec(select(Claim).where(Claim.text.contains("and plans to open a restaurant"))).one()
        links = s.exec(
            select(ClaimLink).where((ClaimLink.claim_a == restaurant.id) | (ClaimLink.claim_b == restaurant.id))
        ).all()
        link = next(lk for lk in links if canonical.id in (lk.claim_a, lk.claim_b))
        # outside the rumor the link is the reviewer's to confirm, not an automatic one
        assert link.state == ("confirmed" if joined else "suggested")


def test_similar_says_when_a_stored_claim_denies_the_one_looked_up(cli, db_path):
    from db import open_database

    eng = open_database(db_path)
    with session(eng) as s:
        add(s, Settings(), "2026-04-05", "Velm Wire",
            "The harbour master of Velm was not arrested on Monday for taking bribes from shipping firms, his lawyer said.")  # fmt: skip
        for story in STORIES[:2]:
            add(s, Settings(), *story)
    out = cli(
        "similar", "The harbour master of Velm was arrested for taking bribes", "--db", db_path, "--format", "json"
    )
    results = json.loads(out.stdout)["results"]
    denial = next(r for r in results if "not arrested" in r["claim"])
    same = [r for r in results if "not arrested" not in r["claim"]]
    assert denial["differences"] == ["one is negated"]
    assert same and all(r["differences"] == [] for r in same)
    text = cli("similar", "The harbour master of Velm was arrested for taking bribes", "--db", db_path).stdout
    assert "(one is negated)" in next(line for line in text.splitlines() if "not arrested" in line)


ARREST_MORE = [
    ("2026-04-05", "Velm Today", "Police in Velm arrested the harbour master on Monday for taking bribes from shipping firms."),
    ("2026-04-06", "Harbour News", "The harbour master of Velm was arrested by police on Monday for taking bribes from shipping firms."),
]  # fmt: skip


def two_rumors_of_one_story(s, settings):
    """Four retellings of the arrest held as two rumors made by machine (as an earlier run with
    other thresholds could leave them), and the rumor ids."""
    never = replace(settings, match=replace(settings.match, auto_threshold=100.1))
    claims = [add(s, never, *story)[0] for story in STORIES[:3] + ARREST_MORE[:1]]
    ids = []
    for pair in (claims[:2], claims[2:]):
        rumor = Rumor(canonical_claim_id=pair[0].id)
        s.add(rumor)
        s.flush()
        for c in pair:
            c.rumor_id, c.rumor_join = rumor.id, "automatic"
            s.add(c)
        ids.append(rumor.id)
    s.commit()
    return claims, ids


def test_a_claim_that_matches_two_rumors_of_one_story_merges_them(engine, settings):
    with session(engine) as s:
        claims, (a, b) = two_rumors_of_one_story(s, settings)
        bridge = add(s, settings, *ARREST_MORE[1])[0]
        rumor_ids = {s.get(Claim, c.id, populate_existing=True).rumor_id for c in [*claims, bridge]}
        assert len(rumor_ids) == 1 and rumor_ids <= {a, b}
        assert len([r for r in s.exec(select(Rumor)).all() if r.id in (a, b)]) == 1
        assert {s.get(Claim, c.id).rumor_join for c in claims} == {"automatic"}


def test_a_rumor_a_reviewer_worked_on_is_never_merged_away(engine, settings):
    with session(engine) as s:
        claims, (a, b) = two_rumors_of_one_story(s, settings)
        review.set_rumor_verdict(s, b, "false", "ana", settings)
        add(s, settings, *ARREST_MORE[1])
        # the reviewed rumor stays and takes the other's members, verdict and all
        assert s.get(Rumor, a, populate_existing=True) is None
        assert {s.get(Claim, c.id, populate_existing=True).rumor_id for c in claims} == {b}
        assert s.get(Rumor, b).verdict == "false"


def test_a_rejected_link_between_two_rumors_keeps_them_apart(engine, settings):
    with session(engine) as s:
        claims, (a, b) = two_rumors_of_one_story(s, settings)
        link = s.exec(
            select(ClaimLink).where(ClaimLink.claim_a == claims[0].id, ClaimLink.claim_b == claims[2].id)
        ).one()  # suggested when the third retelling came in
        review.reject_link(s, link.id, "ana")
        s.commit()
        add(s, settings, *ARREST_MORE[1])
        assert {s.get(Claim, c.id, populate_existing=True).rumor_id for c in claims} == {a, b}


KIDNEYS = [  # one story told in two wordings: dialysis, and blood filtered by a machine
    "An aide said the president's blood is filtered every night because of kidney failure.",
    "Vesna's kidneys are failing and he will need dialysis each night, a doctor said.",
    "The failing kidneys of President Vesna need a dialysis machine every night.",
    "Karvonia's president has his blood filtered nightly by a machine, an aide said.",
    "Vesna's kidneys are failing, and his blood must be filtered by a machine every night.",
    "Doctors said President Vesna's failing kidneys will need dialysis every night.",
]


def test_batch_clustering_merges_two_rumors_of_one_story_when_they_are_alike_as_wholes():
    """Each wording gathers its own rumor before a retelling matches both; the two rumors, compared
    as wholes (canonical claims, centroids, latest members), are one story, and become one."""
    from app.extract import describe
    from app.similarity import Vocabulary, cluster

    texts = [t for *_x, t in STORIES + FERRY + DRIFT + ARREST_MORE] + KIDNEYS
    claims, vocab = [], Vocabulary()
    for i, t in enumerate(texts):
        d = describe(t)
        claims.append(prepare(i, d.core or t, d.negated))
        vocab.add(claims[-1].tokens)
    m = MatchSettings()
    result = cluster(
        claims, vocab, suggest=m.suggest_threshold, auto=m.auto_threshold, min_auto_words=m.min_auto_words,
        min_member_average=m.min_member_average, limit=m.max_candidates,
    )  # fmt: skip
    kidney_rumors = {result.rumor_of.get(i) for i in range(len(texts) - len(KIDNEYS), len(texts))}
    assert len(kidney_rumors) == 1 and None not in kidney_rumors
    arrest = {result.rumor_of.get(i) for i in (0, 1, 2)}
    assert not (arrest & kidney_rumors), "no other story is merged in"


@pytest.mark.parametrize(
    "told_again",
    [
        # a negation inside a relative clause or a contrast denies nothing of the claim
        "The harbour master of Velm, who never declared the money, took bribes from three shipping firms in Velm, police said.",
        "The harbour master of Velm took bribes from three shipping firms in Velm, not from the ferry company, police said.",
    ],
)
def test_a_negation_that_denies_nothing_does_not_keep_a_retelling_apart(engine, settings, told_again):
    with session(engine) as s:
        add(
            s,
            settings,
            "2026-05-01",
            "A",
            "Police said the harbour master of Velm took bribes from three shipping firms in Velm.",
        )
        add(s, settings, "2026-05-02", "B", told_again)
        claims = s.exec(select(Claim)).all()
        assert not any(c.negated for c in claims)
        assert len({c.rumor_id for c in claims}) == 1 and claims[0].rumor_id is not None


def planted(corpus, texts: list[str]) -> list:
    """Claims of a synthetic corpus made with meaning, with their planted meaning vectors."""
    claims = [prepare(i, t) for i, t in enumerate(texts)]
    for p, v in zip(claims, corpus.vectors, strict=True):
        p.vec = v
    return claims


@pytest.mark.parametrize("meaning", [False, True], ids=["words", "meaning"])
def test_batch_scoring_gives_the_scores_of_the_pair_model(meaning):
    """Clustering scores blocking's candidates in one loop (score_shared); each score must be the
    pair model's (pair_score) for the same claims and word weights (and meaning vectors)."""
    from app.bench import SyntheticCorpus
    from app.similarity import idf_top, pair_model, pair_score, score_shared

    corpus = SyntheticCorpus(3, meaning=meaning)
    texts = corpus.claims(3000)
    claims = planted(corpus, texts) if meaning else [prepare(i, t) for i, t in enumerate(texts)]
    model = pair_model(meaning)
    vocab, index = indexed(claims)
    compared = skipped = 0
    for i in range(2000, 3000, 7):
        p = claims[i]
        cands = index.candidates(p, 25, before=i)
        got = score_shared(
            p, [(claims[k], cos, common) for k, cos, common in cands], index.idf, idf_top(vocab.docs), model
        )
        want = [pair_score(p, claims[k], index.idf, vocab.docs, model) for k, _c, _w in cands]
        assert got == pytest.approx(want, abs=1e-9)
        # with a floor (clustering keeps only scores >= suggest) every pair that reaches it keeps its score
        floored = score_shared(
            p,
            [(claims[k], cos, common) for k, cos, common in cands],
            index.idf,
            idf_top(vocab.docs),
            model,
            18.0,
        )
        assert [s for s in floored if s >= 18.0] == pytest.approx([s for s in want if s >= 18.0], abs=1e-9)
        assert all(
            f == pytest.approx(w, abs=1e-9) or (f == 0.0 and w < 18.0) for f, w in zip(floored, want, strict=True)
        )
        skipped += sum(1 for f, w in zip(floored, want, strict=True) if f == 0.0 and w > 0.0)
        compared += len(cands)
    assert compared > 500
    assert skipped > 0  # the floor does spare some token_set_ratio calls


@pytest.mark.parametrize("meaning", [False, True], ids=["words", "meaning"])
def test_clustering_in_batches_keeps_the_candidates_and_scores_of_one_claim_at_a_time(meaning):
    """Clustering scores a thousand claims' candidates at once, in arrays (app.packed); each claim
    must get the candidates blocking gives it and the pair model's scores of them, as when it is
    scored alone (MemoryIndex.candidates, score_shared). Claims with no words, one word, accents
    and numbers are among them (and with meaning, a vector of zeros)."""
    import numpy as np

    from app.bench import SyntheticCorpus
    from app.packed import PackedIndex
    from app.similarity import idf_top, pair_model, score_shared

    corpus = SyntheticCorpus(3, meaning=meaning)
    texts = corpus.claims(3000)
    odd = ["", "...", "Vesna", "Žena z Brna říká, že prezident Vesna je nemocný", "It cost 1,000 in 2019"]
    texts[2100:2100] = odd
    claims = [prepare(i, t) for i, t in enumerate(texts)]
    if meaning:
        vecs = list(corpus.vectors)
        vecs[2100:2100] = [np.zeros(384, dtype=np.float32), *corpus.vectors[:4]]
        for p, v in zip(claims, vecs, strict=True):
            p.vec = v
    vocab, index = indexed(claims)
    packed = PackedIndex(index)
    top, model = idf_top(vocab.docs), pair_model(meaning)
    queries = list(range(2000, 2400))
    looked_up = [index.looked_up(claims[i], 25 + 25 // 4, before=i, pos=i)[0] for i in queries]
    batch = packed.score(queries, looked_up, 25, 18.0, model, top)
    matched = 0
    for i, (matches, n_scored) in zip(queries, batch, strict=True):
        cands = index.candidates(claims[i], 25, before=i, pos=i)
        assert n_scored == len(cands)
        scores = score_shared(
            claims[i], [(claims[k], cos, common) for k, cos, common in cands], index.idf, top, model, 18.0
        )
        want = {k: s for (k, _c, _w), s in zip(cands, scores, strict=True) if s >= 18.0}
        got = dict(matches)
        assert got.keys() == want.keys()
        assert [got[k] for k in want] == pytest.approx(list(want.values()), abs=1e-9)
        matched += len(got)
    assert matched > 100
    assert packed.score([5, 6], [[], []], 25, 18.0, model, top) == [([], 0), ([], 0)]


def test_the_pair_features_are_rapidfuzz_token_set_and_token_sort_ratios():
    """The model was trained on rapidfuzz's token_set_ratio and token_sort_ratio; the scorers work
    the sort out once per claim (Prepared.sorted_words), which must give rapidfuzz's figures."""
    from rapidfuzz import fuzz

    from app.bench import SyntheticCorpus
    from app.similarity import features, idf_top

    texts = [*SyntheticCorpus(5).claims(400), "", "b a a", "a b b", "Vesna is ill", "ill is Vesna, says aide"]
    claims = [prepare(i, t) for i, t in enumerate(texts)]
    vocab, index = indexed(claims)
    for a, b in zip(claims, claims[1:] + claims[:1], strict=True):
        f = features(a, b, index.idf, idf_top(vocab.docs))
        assert f[0] == fuzz.token_set_ratio(a.norm, b.norm) / 100.0
        assert f[1] == fuzz.token_sort_ratio(a.norm, b.norm) / 100.0


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        (
            "He didn\u2019t have SURGERY in Oct. 2025, aide\u2019s notes say",
            "he did not have surgery in oct 2025 aide notes say",
        ),
        ("He didn't have SURGERY in Oct. 2025, aide's notes say", "he did not have surgery in oct 2025 aide notes say"),
        ("\u201cA coup\u201d\u00a0is\u2014already\u2013in motion!", "a coup is already in motion"),
        ("1,000 troops; 4.5% fell [sic] \u2460", "1000 troops 45 fell sic 1"),
        ("tab\there_and\x00there", "tab here_and there"),
    ],
)
def test_claims_are_normalised_the_same_way_whatever_their_characters(text, norm):
    """Plain ASCII claims take a shorter path (no NFKC, a translation table for punctuation); a
    claim and its curly-quoted copy must normalise alike."""
    from app.similarity import normalise

    assert normalise(text) == norm


def test_batch_clustering_pauses_the_cycle_collector_and_gives_it_back(monkeypatch):
    """Clustering turns Python's cycle collector off while it scores (the collections it set off
    walked every claim held, a quarter of the time) and turns it back on after, even when
    clustering fails: the program around it must not be left without it."""
    import gc

    from app import similarity
    from app.similarity import Vocabulary, cluster

    texts = [t for *_x, t in STORIES]
    claims, vocab = [], Vocabulary()
    for i, t in enumerate(texts):
        claims.append(prepare(i, t))
        vocab.add(claims[-1].tokens)
    m = MatchSettings()
    seen: list[bool] = []
    real = similarity.score_all

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        yield from real(*args, **kwargs)

    monkeypatch.setattr(similarity, "score_all", watched)
    kw = dict(
        suggest=m.suggest_threshold, auto=m.auto_threshold, min_auto_words=m.min_auto_words,
        min_member_average=m.min_member_average, limit=m.max_candidates,
    )  # fmt: skip
    assert gc.isenabled()
    result = cluster(claims, vocab, **kw)
    assert seen == [False] and gc.isenabled()
    assert result.rumor_of, "the stories still form rumors"

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("scoring failed")
        yield

    monkeypatch.setattr(similarity, "score_all", broken)
    with pytest.raises(RuntimeError):
        cluster(claims, vocab, **kw)
    assert gc.isenabled()


_SAME_EVERY_RUN = """
import hashlib, sys
from app.bench import SyntheticCorpus, build_store
from app.config import MatchSettings
from app.matching import StoredIndex, prepared
from app.similarity import Vocabulary, cluster, prepare
from db import Claim, open_database, session

claims = [prepare(i, t) for i, t in enumerate(SyntheticCorpus(5).claims(1500))]
vocab = Vocabulary()
for p in claims:
    vocab.add(p.tokens)
r = cluster(claims, vocab, suggest=18.0, auto=45.0, min_auto_words=7, min_member_average=45.0, limit=25)
out = [sorted(r.rumor_of.items()), r.links]
build_store(sys.argv[1], 1500)
with session(open_database(sys.argv[1])) as s:
    index = StoredIndex(s, MatchSettings())
    for cid in range(1, 1500, 50):
        p = prepared(s.get(Claim, cid))
        cands = index.candidates(p)
        out.append([(c.id, cos) for c, _p, cos, _w in cands] + index.scores(p, cands))
print(hashlib.sha256(repr(out).encode()).hexdigest())
"""


def test_matching_gives_the_same_figures_in_every_run(tmp_path):
    """A set's words come out in an order that changes with each process's hash seed; summed in
    that order, two runs of matching on the same claims could differ in the last bits of a score
    and, where two scores tied, in a rumor. Clustering and matching against the store must give
    the same scores, to the bit, and the same rumors, whatever the seed."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run(
            [sys.executable, "-c", _SAME_EVERY_RUN, str(tmp_path / f"store-{seed}.db")],
            env=env, cwd=root, capture_output=True, text=True, timeout=300, check=True,
        )  # fmt: skip
        digests.add(run.stdout.strip())
    assert len(digests) == 1


def test_claims_matched_in_batches_get_the_links_and_rumors_of_one_claim_at_a_time(engine, settings, monkeypatch):
    """Matching looks up a batch of claims' candidates together (an article's, a re-run's 64 at a
    time). Claims of one batch that retell each other must still be linked once, and every link,
    score and rumor must be what matching one claim at a time gives."""
    from app import matching

    def state(s):
        links = s.execute(sql_text("SELECT claim_a, claim_b, score, state FROM claim_link ORDER BY 1, 2")).all()
        return [tuple(r) for r in links], rumors_as_sets(s)

    twice = (
        "The harbour master of Velm was arrested on Monday for taking bribes from shipping firms. "
        "Police arrested the harbour master of Velm on Monday over bribes from shipping firms."
    )
    with session(engine) as s:
        for story in STORIES + FERRY:
            add(s, settings, *story)
        add(s, settings, "2026-04-07", "Z", twice)
        results = {}
        for at_once in (1, 3, 64):
            monkeypatch.setattr(matching, "CANDIDATES_AT_ONCE", at_once)
            rematch_all(s, settings.match)
            s.commit()
            results[at_once] = state(s)
    links, rumors = results[1]
    assert results[3] == results[64] == results[1]
    pairs = [(a, b) for a, b, _s, _st in links]
    assert len(pairs) == len(set(pairs)), "no pair linked twice"
    assert any(len(r) >= 4 for r in rumors), "the arrest, told by five claims, is one rumor"


#: the ferry story told again, loosely: its score with the first telling moves with the words' counts
LATER = (
    "2026-04-06",
    "Y",
    "Work on the Velm ferry terminal is due to end in June, two years after building began, councillors said.",
)


def test_matching_again_or_after_a_rolled_back_article_gives_the_same_scores(engine, settings, tmp_path):
    """Matching keeps the words' document counts between articles. An article whose transaction is
    rolled back (an error after it was matched) and a re-run that rebuilds the index must leave
    nothing of themselves in those counts: every score is what a database that never saw them gives."""
    from db import open_database

    def links(s):
        return [
            tuple(r) for r in s.execute(sql_text("SELECT claim_a, claim_b, score, state FROM claim_link ORDER BY 1, 2"))
        ]

    with session(engine) as s:
        for story in STORIES:
            add(s, settings, *story)
        gone = ArticleInput(text=FERRY[0][2], source="X", title="gone", outlet="X", published=FERRY[0][0])
        store_article(s, gone, settings)
        s.rollback()
        add(s, settings, *LATER)
        after_rollback = links(s)
        rematch_all(s, settings.match)
        s.commit()
        rematched = links(s)
        rematch_all(s, settings.match)
        s.commit()
        assert links(s) == rematched, "a second re-run gives the scores of the first"
    with session(open_database(tmp_path / "never.db")) as s:
        for story in [*STORIES, LATER]:
            add(s, settings, *story)
        assert after_rollback == links(s)
