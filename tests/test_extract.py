"""Claim extraction on the hard cases, each on text written for the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.extract import describe, extract, hedge_cue
from app.sentences import split


def claims_of(text: str):
    ex = extract(text)
    for c in ex.claims:
        assert text[c.start : c.end] == c.text, "span must hold the claim exactly"
    return ex.claims


def find(claims, fragment: str):
    hits = [c for c in claims if fragment in c.text]
    assert hits, f"no claim containing {fragment!r} in {[c.text for c in claims]}"
    return hits[0]


KEY_POINTS = """IN BRIEF

  \u2022 The mayor of Tarsk was arrested on corruption charges on Monday
  \u2022 Police said the mayor took bribes worth 2 million euros from builders

Police in Tarsk arrested the city's mayor on Monday on corruption charges, a police spokeswoman said.

Police said the mayor took bribes worth 2 million euros from three building firms between 2021 and 2024.
"""


def test_bullets_are_claims_and_labels_are_not():
    claims = claims_of(KEY_POINTS)
    texts = [c.text for c in claims]
    assert "IN BRIEF" not in " ".join(texts)
    assert "The mayor of Tarsk was arrested on corruption charges on Monday" in texts
    assert not any(t.startswith("\u2022") for t in texts)


def test_the_same_claim_in_key_points_and_body_gives_two_claims():
    claims = claims_of(KEY_POINTS)
    bribes = [c for c in claims if "bribes worth 2 million euros" in c.text]
    assert len(bribes) == 2
    assert bribes[0].start != bribes[1].start


def test_abbreviations_do_not_end_sentences():
    text = (
        "Maj. Gen. Ana Petrov said on Sept. 3 that U.S. officials had met Dr. Lee in the capital. "
        "The meeting lasted 4 hours."
    )
    sentences = [text[s.start : s.end] for s in split(text)]
    assert sentences == [
        "Maj. Gen. Ana Petrov said on Sept. 3 that U.S. officials had met Dr. Lee in the capital.",
        "The meeting lasted 4 hours.",
    ]
    c = find(claims_of(text), "Petrov said")
    assert c.speaker == "Ana Petrov"


def test_a_word_that_is_also_an_abbreviation_ends_a_sentence_in_lower_case():
    """ "Ill." is Illinois and "Wash." Washington; "gravely ill." and "refused to wash." end sentences."""
    text = (
        "A businessman told the Herald that the mayor was gravely ill. The businessman said he had seen "
        "the records. The mayor refused to wash. She said no. The ruling was no. 5 on the list."
    )
    assert [text[s.start : s.end] for s in split(text)] == [
        "A businessman told the Herald that the mayor was gravely ill.",
        "The businessman said he had seen the records.",
        "The mayor refused to wash.",
        "She said no.",
        "The ruling was no. 5 on the list.",
    ]


def test_a_quote_spanning_sentences_stays_one_claim_with_its_speaker():
    text = '"The reactor is unsafe. It will close by March," the chief inspector said on Friday.'
    (c,) = claims_of(text)
    assert c.text == text
    assert c.speaker == "the chief inspector"
    assert c.core == "The reactor is unsafe. It will close by March"


def test_brackets_inside_quotes_survive_exactly():
    text = 'Oil minister Sara Holm is gravely ill, her deputy said. "[The minister is in a] very poor state and had heart surgery on March 3."'
    claims = claims_of(text)
    c = find(claims, "[The minister is in a]")
    assert c.text == '"[The minister is in a] very poor state and had heart surgery on March 3."'
    assert c.speaker == "her deputy" or c.speaker is None or "deputy" in (c.speaker or "")


def test_one_sentence_two_claims_with_their_own_spans_and_the_shared_speaker():
    text = (
        "Speaking on state radio on Sunday, Gen. Ivo Marr said an attack on the northern depot is already "
        "planned as intelligence reports suggest the rebels are running out of ammunition."
    )
    claims = claims_of(text)
    assert len(claims) == 2
    first, second = claims
    assert first.end <= second.start
    assert first.core == "an attack on the northern depot is already planned"
    assert second.core == "the rebels are running out of ammunition"
    assert first.speaker == second.speaker == "Ivo Marr"
    assert second.hedge == "suggest"


def test_a_caption_printed_twice_gives_one_claim():
    caption = "Interior minister Karl Ost speaks at a police academy in Tarsk on March 3, 2026"
    text = f"The minister resigned on Friday after 6 years in office, his office said.\n\n{caption}\n{caption} PHOTO: TARSK DAILY via AFP\n"
    claims = claims_of(text)
    captions = [c for c in claims if "Karl Ost speaks" in c.text]
    assert [c.text for c in captions] == [caption]


def test_a_photo_credit_is_not_part_of_the_caption_claim():
    caption = "Interior minister Karl Ost speaks at a police academy in Tarsk on March 3, 2026"
    for credit in ("PHOTO: TARSK DAILY via AFP", "TARSK NEWS AGENCY via AFP / Ana LIND"):
        text = f"The minister resigned on Friday after 6 years in office, his office said.\n\n{caption} {credit}\n"
        (claim,) = [c for c in claims_of(text) if "Karl Ost speaks" in c.text]
        assert claim.text == caption == text[claim.start : claim.end]
        assert "AFP" not in claim.core


def test_hard_wrapped_paragraphs_keep_their_sentences_whole():
    text = (
        "The minister of transport said on Monday that the new bridge over the\n"
        "river would open in May, two months later than planned, because of\n"
        "flooding in the spring. Work had stopped for 6 weeks.\n"
    )
    sentences = [text[s.start : s.end] for s in split(text)]
    assert sentences[0].endswith("because of\nflooding in the spring.")
    assert sentences[1] == "Work had stopped for 6 weeks."


def test_non_breaking_spaces_curly_quotes_and_crlf():
    text = (
        "The governor\u00a0reportedly\u00a0had heart surgery in October, two aides said.\r\n\r\n"
        "\u201cShe left hospital on Monday and is recovering well,\u201d her spokesman said on Tuesday.\r\n"
    )
    claims = claims_of(text)
    surgery = find(claims, "heart surgery")
    assert surgery.hedge == "reportedly"
    assert surgery.speaker == "two aides"
    assert "\r" not in surgery.text
    quote = find(claims, "recovering")
    assert quote.core == "She left hospital on Monday and is recovering well"
    assert quote.speaker == "her spokesman"


def test_editorial_caution_is_recorded_not_claimed():
    text = (
        "A senior official said the president has cancer.\n\n"
        "The Daily Post could not independently verify the official's account.\n"
    )
    ex = extract(text)
    assert ex.caution == "The Daily Post could not independently verify the official's account."
    assert all("verify" not in c.text for c in ex.claims)


@pytest.mark.parametrize(
    "line",
    [
        "None of these claims has been independently confirmed.",
        "The allegations have not been independently verified.",
    ],
)
def test_other_ways_of_saying_unverified_are_cautions_too(line):
    ex = extract("A senior official said the president has had cancer since 2024.\n\n" + line + "\n")
    assert ex.caution == line
    assert [c.text for c in ex.claims] == ["A senior official said the president has had cancer since 2024."]


@pytest.mark.parametrize(
    "line",
    [
        "What happens if the president dies in office?",
        "By Jane Smith, Political Correspondent",
        "Photo: Reuters / Karl Jansen",
        "KEY POINTS",
        "Read more: our coverage of the election",
    ],
)
def test_questions_bylines_credits_and_labels_are_not_claims(line):
    text = f"{line}\n\nThe finance minister resigned on Monday after 14 years in office, the government said.\n"
    claims = claims_of(text)
    assert [c.text for c in claims] == [
        "The finance minister resigned on Monday after 14 years in office, the government said."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "By contrast, the mayor said the city budget had doubled since 2020.",
        "By Monday afternoon, 600 people had been evacuated from Tarsk, the emergency service said.",
        "Photos showed flooded streets in Tarsk on Monday, with water 2 metres deep.",
        "Credit Agricole said it had lent 40 million euros to the port of Kessel.",
    ],
)
def test_sentences_that_open_like_a_byline_or_credit_are_still_read(line):
    # "By ..." is a byline only when short and made of a name ("By Jane Smith, Reuters"); "Photo"
    # is a credit only as a label ("Photo: ...")
    assert [c.text for c in claims_of(line + "\n")] == [line]


def test_attribution_cores_speakers_and_pronouns():
    text = (
        "Opposition leader Petra Lind said a coup to remove the president is already in motion. "
        "She added that three generals had met in secret in May.\n\n"
        "According to a former adviser, the president has blood cancer among other illnesses.\n\n"
        "A wealthy businessman was recorded saying the president had back surgery in October. "
        "The businessman was heard claiming that the illness had been hidden for 2 years."
    )
    claims = claims_of(text)
    coup = find(claims, "coup")
    assert (coup.speaker, coup.core) == ("Petra Lind", "a coup to remove the president is already in motion")
    assert find(claims, "three generals").speaker == "Petra Lind"
    cancer = find(claims, "blood cancer")
    assert (cancer.speaker, cancer.core) == ("a former adviser", "the president has blood cancer among other illnesses")
    assert find(claims, "back surgery").speaker == "A wealthy businessman"
    assert find(claims, "hidden").speaker == "A wealthy businessman"


def test_hedges_and_negation():
    text = (
        "The president may soon face a coup, according to two intelligence officials.\n\n"
        "The presidential spokesman denied that the president had surgery in October.\n\n"
        "The health minister said the president is not ill and works 12 hours a day.\n\n"
        "The central bank raised interest rates to 4.5 percent on Thursday, its governor said.\n"
    )
    claims = claims_of(text)
    coup = find(claims, "coup")
    assert coup.hedge == "may" and coup.speaker == "two intelligence officials" and not coup.negated
    assert find(claims, "denied").negated
    assert find(claims, "not ill").negated
    rates = find(claims, "interest rates")
    assert rates.hedge is None and not rates.negated
    assert "number" in rates.reasons


def test_scores_rank_factual_claims_over_chatter():
    factual = describe("The city spent 40 million euros on the new stadium in 2025, the auditor said.")
    chatter = describe("I think we should all be proud of this wonderful team.")
    assert factual.score > chatter.score
    assert "number" in factual.reasons


def test_dateline_is_not_part_of_the_claim():
    text = "TARSK, March 3 (Test Wire) - The mayor of Tarsk resigned on Friday after a bribery scandal, officials said."
    (c,) = claims_of(text)
    assert c.text.startswith("The mayor of Tarsk resigned")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # no cue verb the rules know: the learned tagger names who holds the view
        ("Senior aides to the governor fear that the budget deal will collapse before the vote in May.",
         "Senior aides"),
        # a clean rule speaker is kept whole, whatever follows it
        ('"It was the worst harvest in twenty years," said Marta Olsen, who farms 300 hectares near Kessel.',
         "Marta Olsen"),
        ("Two nurses at the clinic said the minister was admitted under a false name in November.",
         "Two nurses at the clinic"),
        # the outlet's own reporting: nobody to name
        ("Vesna, 71, skipped the trade summit in Riga on Thursday for the first time in nine years.", None),
    ],
)  # fmt: skip
def test_speakers_with_and_without_a_cue_verb(sentence, speaker):
    (claim,) = extract(sentence, min_score=0).claims
    assert claim.speaker == speaker


def test_a_possessive_is_never_the_speaker_and_hedges_are_real_cues():
    from app.extract import NEWS_HEDGES
    from app.textmodel import HEDGE_WORDS

    (claim,) = extract(
        "A leaked clip appears to show Northland President Ivo Marek's left hand shaking during a speech to farmers in May.",
        min_score=0,
    ).claims
    assert claim.speaker != "Ivo Marek's" and claim.hedge == "appears to"
    text = (
        "Two guards described the night of the transfer. One of them said security was "
        '"heavier than anything we have seen" at the clinic that week.'
    )
    for c in extract(text, min_score=0).claims:
        assert c.hedge is None or c.hedge in {*NEWS_HEDGES, *HEDGE_WORDS, "hedged"}, c.hedge


@pytest.mark.parametrize(
    ("sentence", "core", "speaker", "negated"),
    [
        # a denial's object is what is denied, and the denial negates it
        (
            "The Veltra government denies reports its finance minister has fled the country.",
            "its finance minister has fled the country",
            "The Veltra government",
            True,
        ),
        # a passive "blamed for" names no speaker: the sentence is the claim
        (
            "Faulty wiring blamed for the fire that closed the Orsk ferry terminal",
            "Faulty wiring blamed for the fire that closed the Orsk ferry terminal",
            None,
            False,
        ),
        # a Title Case headline's trailing attribution
        (
            "Orsk Mayor Resigned After Bribery Probe, Local Paper Claims",
            "Orsk Mayor Resigned After Bribery Probe",
            "Local Paper",
            False,
        ),
        # a that-clause after "on Friday" is what was denied, and what the speaker did next is not
        (
            "A ministry spokeswoman denied on Friday that the dam had cracked, calling the report reckless.",
            "the dam had cracked",
            "A ministry spokeswoman",
            True,
        ),
        # an attribution set off by commas: what came before is what was said
        (
            "Orsk exported a record 2.1 million tonnes of timber this year, the trade office said on Tuesday, 8 percent more than in 2025.",
            "Orsk exported a record 2.1 million tonnes of timber this year",
            "the trade office",
            False,
        ),
        # an object is not something said
        ("Ferry owners offered 5 percent.", "Ferry owners offered 5 percent", None, False),
        # a Title Case headline's denial: its cue is the headline's own verb, but it denies
        (
            "Orsk Council Denies Mayor Took Bribes From Ferry Owners",
            "Orsk Council Denies Mayor Took Bribes From Ferry Owners",
            None,
            True,
        ),
        # a noun in -ly before the cue is part of who spoke, not an adverb ("reportedly") to drop
        (
            "Sources close to the family said the singer had been taken to a clinic in Velm.",
            "the singer had been taken to a clinic in Velm",
            "Sources close to the family",
            False,
        ),
        (
            "The mayor's ally privately said the port would close in May.",
            "the port would close in May",
            "The mayor's ally",
            False,
        ),
        # a number's thousands comma after "said on Tuesday" is no end of an aside: 1,200, not 200
        (
            "Police said on Tuesday 1,200 people had been evacuated from Millbrook.",
            "1,200 people had been evacuated from Millbrook",
            "Police",
            False,
        ),
    ],
)
def test_denials_passives_and_headline_attributions(sentence, core, speaker, negated):
    d = describe(sentence)
    assert (d.core, d.speaker, d.negated) == (core, speaker, negated)


def test_reports_that_have_swirled_are_a_hedged_rumor_with_no_speaker():
    d = describe("For weeks, reports have swirled that the Orsk mayor Lena Varr is gravely ill with cancer.")
    assert (d.core, d.speaker, d.hedge) == ("the Orsk mayor Lena Varr is gravely ill with cancer", None, "reports")


@pytest.mark.parametrize("text", [".", " . . ", '"."', "\u201c \u201d", "!\n\n?", "Report Claims.", "\u00a0.\r\n."])
def test_punctuation_only_and_tiny_texts_never_crash(text):
    for c in claims_of(text):
        assert c.core is not None
    describe(text)


def test_a_modal_hedges_a_possibility_not_an_ability_or_a_general_rule():
    hedged = {
        "The mayor may have hidden the payments from the council, two aides said.": "may",
        "The governor might be seriously ill, according to a former aide.": "might",
        "The governor could soon resign over the scandal.": "could",
    }
    for sentence, cue in hedged.items():
        assert describe(sentence).hedge == cue, sentence
    for plain in (
        "Reporters could not confirm the figures with the ministry.",
        "The new bridge could be seen from the harbour on Sunday.",
        "The ferry could carry 400 passengers.",
    ):
        assert describe(plain).hedge is None, plain


def test_the_hedge_decision_follows_the_probability_and_threshold_it_is_given():
    # the trainer chooses the threshold by cross-validating this whole decision (rules included)
    weasel = "Many observers consider the deal one of the largest in the region."
    assert hedge_cue(weasel, probability=0.9, threshold=0.5) == "many"
    assert hedge_cue(weasel, probability=0.3, threshold=0.5) is None
    # a rule's cue does not wait for the model; an epistemic modal neither
    assert hedge_cue("The mayor reportedly left the city.", probability=0.0, threshold=0.5) == "reportedly"
    assert hedge_cue("The mayor may have left the city.", probability=0.0, threshold=0.5) == "may"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Nobody saw the mayor leave the city.", True),
        ("The mayor didn\u2019t leave the city.", True),
        ("NEVER did the mayor leave the city.", True),
        ("Reports that the mayor fled are baseless.", True),
        # the words inside others are no negation
        ("The annotated norms were published in a nonbinding notice.", False),
        ("The nothingness of the unfoundedness was the theme of the falsetto.", False),
    ],
)
def test_negation_words_count_only_as_whole_words(text, negated):
    from app.extract import negates

    assert negates(text) is negated


def test_contractions_with_a_curly_apostrophe_read_as_with_a_straight_one():
    # outlets print "didn\u2019t": a denial, a no-comment and an editorial caution all the same
    for apostrophe in ("'", "\u2019"):
        text = (
            f"The minister didn{apostrophe}t resign in March, his office said. "
            f"The port authority didn{apostrophe}t respond to a request for comment. "
            f"Reporters couldn{apostrophe}t independently verify the claims."
        )
        result = extract(text)
        assert [(c.core, c.negated) for c in result.claims] == [
            ("The minister didn" + apostrophe + "t resign in March", True)
        ]
        assert result.caution is not None


def test_the_phrases_rules_look_for_among_a_sentences_words_are_there():
    # features() makes only the bigrams something reads: the models' and the rules' phrases
    from app.extract import _OPINION_FEATS, _STRONG_PAIRS, TOPIC_WORDS, news_boost
    from app.textmodel import features

    for phrase in ("intensive care", "life support", *_OPINION_FEATS, *_STRONG_PAIRS):
        if " " in phrase:
            assert phrase in features(f"Officials said {phrase} on Monday."), phrase
    assert "intensive care" in TOPIC_WORDS
    assert news_boost(features("The mayor is in intensive care."), False) > news_boost(
        features("The mayor is in the town hall."), False
    )


def test_the_same_sentence_gets_the_same_hedge_and_score_in_every_run():
    # Python hashes words differently in each process: a hedge chosen from a set of words (two the
    # model weighs alike) or a score summed in a set's order changed from run to run
    import json
    import os
    import subprocess
    import sys

    program = (
        "import json; from app.extract import extract; "
        "c = extract('A year ago it seemed unlikely that the mayor of Kessel would run for a third term. "
        "The port lost 40 million euros in March, auditors said.').claims; "
        "print(json.dumps([(x.hedge, x.score) for x in c]))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            cwd=Path(__file__).parent.parent,
        ).stdout
        for seed in range(1, 7)
    }
    assert len(runs) == 1, runs
    assert json.loads(runs.pop())[0][0] == "seemed"  # of the two, the one printed first


def test_speakers_named_in_apposition_described_again_and_referred_to():
    text = (
        "Lena Varr, the mayor's spokeswoman, said the mayor left the country on a private jet in June.\n\n"
        "Anna Berg, a nurse at the Orsk clinic, said the mayor was admitted under a false name in March. "
        "The mayor's stay was first reported by the Orsk Herald on Monday. "
        "She said the mayor paid 4,000 euros in cash for a private room.\n\n"
        "A banker close to the mayor said the money came from a city account. "
        "The recording, obtained by the Orsk Herald, captures the banker telling a friend that the mayor "
        "moved 2 million euros abroad in April.\n\n"
        "The mayor's spokeswoman, Lena Varr, said the mayor had never been to the clinic."
    )
    claims = claims_of(text)
    # "she" is the nurse, not the newspaper named in between
    assert find(claims, "4,000 euros").speaker == "Anna Berg"
    # "captures the banker telling": the banker named before, not the newspaper or "captures the banker"
    assert find(claims, "2 million euros").speaker == "A banker close to the mayor"
    # the name set off by commas, before or after the description; and what follows "said" is the claim
    jet = find(claims, "private jet")
    assert (jet.speaker, jet.core) == ("Lena Varr", "the mayor left the country on a private jet in June")
    assert find(claims, "never been to the clinic").speaker == "Lena Varr"


def test_a_denial_and_a_second_statement_are_two_claims_and_what_follows_saying_is_not_the_core():
    text = (
        "The mayor's spokeswoman, Lena Varr, denied that the mayor is ill and said he did not visit the "
        "clinic in March.\n\n"
        "She also dismissed claims that three council members are preparing to remove him in May, saying "
        'the council "stands behind the mayor."'
    )
    claims = claims_of(text)
    ill = find(claims, "is ill")
    assert (ill.text, ill.core, ill.speaker, ill.negated) == (
        "The mayor's spokeswoman, Lena Varr, denied that the mayor is ill",
        "the mayor is ill",
        "Lena Varr",
        True,
    )
    clinic = find(claims, "clinic")
    assert (clinic.text, clinic.core, clinic.speaker, clinic.negated) == (
        "said he did not visit the clinic in March.",
        "he did not visit the clinic in March",
        "Lena Varr",
        True,
    )
    remove = find(claims, "remove him")
    assert (remove.core, remove.speaker, remove.negated) == (
        "three council members are preparing to remove him in May",
        "Lena Varr",
        True,
    )
    # what she said next is a claim of its own
    behind = find(claims, "stands behind")
    assert (behind.text, behind.speaker) == ('saying the council "stands behind the mayor."', "Lena Varr")


def test_what_someone_had_promised_does_not_make_them_the_speaker():
    (claim,) = extract(
        "The mayor did not open the new bridge on Friday as his office had promised.", min_score=0
    ).claims
    assert claim.speaker is None and claim.negated


def test_adding_that_and_but_said_give_second_claims_and_a_newspapers_note_is_its_claim():
    text = (
        "The banker was heard claiming that the mayor's illness had been hidden from the council, adding "
        "that the mayor had heart surgery in Vienna in October.\n\n"
        "The Orsk Herald said it had seen the hospital bill, but said it would not publish the name of the clinic.\n\n"
        "The recording was first reported by the Orsk Herald, which noted that the banker was recorded in March.\n\n"
        "Mayor Ivo Renn tells a crowd in Orsk that he has never been healthier and will run again in 2027."
    )
    claims = claims_of(text)
    surgery = find(claims, "heart surgery")
    assert surgery.text == "adding that the mayor had heart surgery in Vienna in October."
    assert surgery.core == "the mayor had heart surgery in Vienna in October"
    assert find(claims, "hidden").core == "the mayor's illness had been hidden from the council"
    publish = find(claims, "publish")
    assert (publish.text, publish.speaker) == ("said it would not publish the name of the clinic.", "The Orsk Herald")
    assert publish.negated
    march = find(claims, "recorded in March")
    assert (march.speaker, march.core) == ("The Orsk Herald", "the banker was recorded in March")
    crowd = find(claims, "healthier")
    assert (crowd.speaker, crowd.core) == ("Ivo Renn", "he has never been healthier and will run again in 2027")


def test_a_quotation_ending_the_core_keeps_its_closing_mark():
    assert describe('The minister said the new bridge over the Varn was "perfectly safe."').core == (
        'the new bridge over the Varn was "perfectly safe"'
    )
    assert describe("The minister said the bridge was \u201cperfectly safe.\u201d").core == (
        "the bridge was \u201cperfectly safe\u201d"
    )


def test_score_reasons_are_words_a_reviewer_reads():
    d = describe("President Ivo Marek of Northland is seriously ill with cancer, a former adviser claimed.")
    assert "named people or places" in d.reasons and "health, crime, money or violence" in d.reasons
    moved = [r[2:] for r in d.reasons if r[:2] in ("+ ", "- ")]
    assert moved, d.reasons
    # no model-internal shape features ("caps2+", "len<12>", "first>the") and no bare "of" or "has"
    assert not any("<" in r or ">" in r or r.endswith("+") for r in moved), d.reasons
    assert not {"of", "has", "is", "the", "with"} & set(moved), d.reasons


def test_a_second_claim_after_a_trailing_photo_credit_never_gives_an_inverted_span():
    # found by fuzzing extract() with shuffled words: the credit cut the sentence before the
    # second claim began, which gave a claim ending before it started (and once an assertion error)
    text = "Police said the mayor took bribes worth 2 million euros in 2024 PHOTO: STATE TV and said 40 officials were arrested."
    claims = claims_of(text)
    assert claims and all(c.start < c.end for c in claims)
    assert claims[0].core == "the mayor took bribes worth 2 million euros in 2024"


def test_a_hedged_key_point_and_a_relayed_health_rumor_are_kept():
    text = (
        "KEY POINTS\n\n"
        "- A mutiny could be under way against an allegedly gravely ill Governor Marek\n"
        "- The governor missed two council meetings in May\n\n"
        "The video sparked speculation that Governor Marek may be suffering from Parkinson's disease.\n"
    )
    claims = claims_of(text)
    assert find(claims, "mutiny").hedge is not None
    assert find(claims, "Parkinson")
    # the same words in a paragraph are not a key point: they score lower
    (bullet,) = [c for c in claims if "mutiny" in c.text]
    plain = describe("A mutiny could be under way against an allegedly gravely ill Governor Marek")
    assert bullet.score > plain.score


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("The mayor sat among council members who did not wear their chains of office.", False),
        ("The mayor, who has not been seen since May, is gravely ill with cancer, his aides said.", False),
        ("The mayor is not ill, his spokeswoman said on Monday.", True),
        ("The council, which meets in Orsk, did not approve the budget in May.", True),
        # idioms that assert what follows
        ("The governor said he had no choice but to close the port of Orsk in May.", False),
        ("No fewer than 40 workers were hurt at the Orsk plant, the union said.", False),
        ("The mayor not only raised taxes but also cut the police budget, his rivals said.", False),
        ("There is no doubt that the dam at Orsk cracked, the engineer said.", False),
        ("The governor said he had no plans to close the port of Orsk.", True),
        ("The harbour master had done nothing wrong, his lawyer said.", True),
        ("The audit was nothing short of damning, the opposition said.", False),
        # neither confirmed nor denied: no denial, and the speaker is who would not say
        ("The ministry would neither confirm nor deny that 40 soldiers had died near Orsk.", False),
        ("The ministry refused to confirm or deny that 40 soldiers had died near Orsk.", False),
        ("Not one worker was hurt at the Orsk plant, the union said.", True),
    ],
)
def test_a_negation_that_denies_nothing_does_not_negate_the_claim(sentence, negated):
    """Inside a relative clause, or in an idiom that asserts what follows ("no choice but to")."""
    assert describe(sentence).negated is negated


def test_it_is_not_clear_who_names_no_speaker():
    d = describe("It is not clear who ordered the mayor's arrest in May.")
    assert d.speaker is None and d.core == "It is not clear who ordered the mayor's arrest in May"


def test_a_quoted_feeling_is_not_a_claim_but_a_fact_inside_one_is():
    text = (
        '"I have never been so happy," the goalkeeper Emil Dorn said after the final in Orsk.\n\n'
        '"We are very proud of this team," the coach said on Sunday.\n\n'
        "I was shocked to learn that 40 people died in the ferry fire, the mayor of Orsk said."
    )
    claims = claims_of(text)
    assert [c.core for c in claims] == ["I was shocked to learn that 40 people died in the ferry fire"]


def test_the_outlets_comment_after_the_content_is_not_part_of_the_core():
    d = describe(
        "Two nurses said the mayor had heart surgery in Vienna in November, contradicting earlier reports "
        "that the operation was in October."
    )
    assert (d.core, d.speaker) == ("the mayor had heart surgery in Vienna in November", "Two nurses")


@pytest.mark.parametrize(
    "line",
    [
        "President Vesna will need nightly dialysis for his failing kidneys, doctors said.",
        "The failing kidneys of President Vesna need a dialysis machine every night.",
        "Doctors said President Vesna's failing kidneys will need dialysis every night.",
    ],
)
def test_a_health_claim_about_a_named_person_is_kept_whatever_organ_it_names(line):
    # the topic words were a short list (cancer, surgery, stroke...): kidneys and dialysis were not
    # on it, and the debate-trained model alone left these below the threshold
    claims = claims_of(line + "\n")
    assert [c.text for c in claims] == [line]
    assert "health, crime, money or violence" in claims[0].reasons


#: sentence -> (speaker, core), for sentences with one attributed claim, each once got wrong
SPEAKER_AND_CORE = {
    # an aside before the cue; a recording names whom it shows
    "The mayor, speaking in Orsk on Friday, said the budget had doubled since 2020.": (
        "The mayor",
        "the budget had doubled since 2020",
    ),
    "Vesna, 71, said the harbour would reopen in March.": ("Vesna", "the harbour would reopen in March"),
    "The budget had doubled since 2020, said Anna Berg, a city auditor.": (
        "Anna Berg",
        "The budget had doubled since 2020",
    ),
    "A recording published by the Orsk Herald appeared to capture a banker saying the fund lost 40 million "
    "euros in May.": ("a banker", "the fund lost 40 million euros in May"),
    "A video released on Friday shows the minister telling reporters that the bridge was unsafe.": (
        "the minister",
        "the bridge was unsafe",
    ),
    # a quotation first, then who said it (with an aside, any reporting verb, '' quotes)
    "\u201cThe harbour will reopen in May,\u201d Anna Berg, a port official in Kessel, told the Herald.": (
        "Anna Berg",
        "The harbour will reopen in May",
    ),
    "\u201cThe pay rise was never on the table,\u201d the port's spokesman, Ivo Karsk, said on Monday.": (
        "Ivo Karsk",
        "The pay rise was never on the table",
    ),
    "\u201cThe strike cost us 4 million euros,\u201d Varga, 58, recalled.": (
        "Varga",
        "The strike cost us 4 million euros",
    ),
    "''Three generals met in Orsk in May,'' said Petra Lind, the opposition leader.": (
        "Petra Lind",
        "Three generals met in Orsk in May",
    ),
    "\u201cThe vote was rigged in 12 districts,\u201d Lind tweeted on Sunday.": (
        "Lind",
        "The vote was rigged in 12 districts",
    ),
    # an opening phrase, a party tag, "At least"
    "In October, Anna Berg, who audits the port, told the council that 4 million euros were missing.": (
        "Anna Berg",
        "4 million euros were missing",
    ),
    "Last week, the minister, who quit in May, said the port would close in December.": (
        "the minister",
        "the port would close in December",
    ),
    "Sen. Marta Olsen (R-Orsk), for instance, explained that the grain tax had doubled since 2020.": (
        "Marta Olsen",
        "the grain tax had doubled since 2020",
    ),
    "At least 12 officials said the port would close in December.": (
        "At least 12 officials",
        "the port would close in December",
    ),
    # a finding reported at the end; "said in a statement that"
    "Children living near the Kessel smelter are twice as likely to develop asthma, a study published on "
    "Wednesday has found.": (
        "a study published on Wednesday",
        "Children living near the Kessel smelter are twice as likely to develop asthma",
    ),
    "Nordzink said in a statement that its emissions had fallen by 40% since 2018.": (
        "Nordzink",
        "its emissions had fallen by 40% since 2018",
    ),
    # "according to X" between commas
    "Exports rose 4% in the third quarter, according to the statistics office, but imports rose faster.": (
        "the statistics office",
        "Exports rose 4% in the third quarter",
    ),
    # "According to X, which ..., Y"; "told the Orsk Herald Y"; "declined to say"
    "According to the Orsk Herald, which first reported the story, the mayor took 2 million euros in bribes.": (
        "the Orsk Herald",
        "the mayor took 2 million euros in bribes",
    ),
    "Three officials told the Orsk Herald the mayor took 2 million euros in bribes.": (
        "Three officials",
        "the mayor took 2 million euros in bribes",
    ),
    "Karsk declined to say whether the president had visited a clinic in October.": (
        "Karsk",
        "whether the president had visited a clinic in October",
    ),
    # a quotation after a colon
    'Anna Berg, the city auditor, wrote in her report: "The port authority paid 4 million euros to a firm '
    "owned by the mayor's brother in 2025.\"": (
        "Anna Berg",
        "The port authority paid 4 million euros to a firm owned by the mayor's brother in 2025",
    ),
    'Lind told the Herald: "Three generals met in Orsk in May to plan the coup."': (
        "Lind",
        "Three generals met in Orsk in May to plan the coup",
    ),
    # those told something are not its speaker; an order is not something said to be so
    "Police told residents of Millbrook to leave their homes by noon on Thursday.": (
        None,
        "Police told residents of Millbrook to leave their homes by noon on Thursday",
    ),
    "Soldiers were told by their commanders that the border would open on Monday.": (
        "their commanders",
        "the border would open on Monday",
    ),
    # a participle that says which posts, then who said the whole clause
    "A video showing soldiers crossing the river was filmed in 2019, the ministry said on Friday.": (
        "the ministry",
        "A video showing soldiers crossing the river was filmed in 2019",
    ),
    # the speaker's aside after "but" is not part of what was said
    "Ilse Marr admitted that the audit in March had been rushed, but warned against wild speculation "
    "about the missing funds.": ("Ilse Marr", "the audit in March had been rushed"),
    # cue words used otherwise than as a reporting verb; a thing confirmed is not a clause
    "Harbour master suspended for saying he could sell the port to a foreign firm": (
        None,
        "Harbour master suspended for saying he could sell the port to a foreign firm",
    ),
    # the mayor's claims are the mayor's (a noun, not a verb: no one "claims" here); what the
    # auditors made of them is the outlet's report
    "The mayor's claims that the port lost 40 million euros were rejected by auditors on Monday.": (
        "The mayor",
        "the port lost 40 million euros",
    ),
    "Port official named as the man behind a 2 million euro bribe scheme": (
        None,
        "Port official named as the man behind a 2 million euro bribe scheme",
    ),
    "The ministry confirmed the death of the rebel commander in Tarsk on Monday.": (
        None,
        "The ministry confirmed the death of the rebel commander in Tarsk on Monday",
    ),
    "Conflicting reports on the capture of a Velm journalist by rebels": (
        None,
        "Conflicting reports on the capture of a Velm journalist by rebels",
    ),
    # a headline's trailing source
    "Driver hurt after guards fire warning shots at protest in Velm: reports": (
        "reports",
        "Driver hurt after guards fire warning shots at protest in Velm",
    ),
    # an opening phrase before the speaker
    "As part of his plea deal, Ivo Sand, 44, said that he had taken bribes from six shipping firms.": (
        "Ivo Sand",
        "he had taken bribes from six shipping firms",
    ),
    "Asked about the talks, the minister said the port would reopen in March after repairs.": (
        "the minister",
        "the port would reopen in March after repairs",
    ),
    # "..., who said": the person named before it, not the clause that names them
    "The defeat in Orsk was a heavy blow for Mayor Ivo Renn, who said he would stand again in 2027.": (
        "Ivo Renn",
        "he would stand again in 2027",
    ),
    "Harbour master of Velm arrested over bribes from shipping firms: Orsk Herald": (
        "Orsk Herald",
        "Harbour master of Velm arrested over bribes from shipping firms",
    ),
    "Velm harbour master arrest: Disturbing New Details": (None, "Velm harbour master arrest: Disturbing New Details"),
    # the one charged is not who charges; "allege" reports what prosecutors say
    "Former port director Ivo Sand was charged on Tuesday with taking 2 million euros in bribes.": (
        None,
        "Former port director Ivo Sand was charged on Tuesday with taking 2 million euros in bribes",
    ),
    "Prosecutors allege that Sand steered dredging contracts worth 60 million euros to his brother.": (
        "Prosecutors",
        "Sand steered dredging contracts worth 60 million euros to his brother",
    ),
    # a role set off before the name is the speaker's, not part of what was said
    "The Zürich-based bank lost €40m in the third quarter, its chief executive, Søren Ødegård, told analysts.": (
        "Søren Ødegård",
        "The Zürich-based bank lost €40m in the third quarter",
    ),
    "The port lost 40 million euros in 2025, the city auditor, Anna Berg, said.": (
        "Anna Berg",
        "The port lost 40 million euros in 2025",
    ),
    # where or when it was said is not what was said
    "Three hundred jobs will be cut at the port by March, the company said in a statement.": (
        "the company",
        "Three hundred jobs will be cut at the port by March",
    ),
    "The mayor said on Monday the port would reopen in March after 14 months of repairs.": (
        "The mayor",
        "the port would reopen in March after 14 months of repairs",
    ),
    "The mayor said last year was the worst on record for the port of Tarsk.": (
        "The mayor",
        "last year was the worst on record for the port of Tarsk",
    ),
    # a colon inside what was said is not an introduction
    "The minister said the plan to cut the budget had three parts: a new port tax, 400 fewer jobs and a loan.": (
        "The minister",
        "the plan to cut the budget had three parts: a new port tax, 400 fewer jobs and a loan",
    ),
}


@pytest.mark.parametrize(("sentence", "expected"), SPEAKER_AND_CORE.items())
def test_speaker_and_core_of_one_attributed_sentence(sentence, expected):
    d = describe(sentence)
    assert (d.speaker, d.core) == expected


def test_a_quotation_introduced_by_a_colon_is_what_the_speaker_said():
    # the quotation in a paragraph of its own, after the line that introduces it
    text = (
        "Petra Lind, the opposition leader, said on Friday:\n\n"
        "\u201cThree generals met in Orsk in May to plan the coup. They have 2,000 soldiers behind them.\u201d\n\n"
        "The army said 40 officers had been moved to the capital in June.\n"
    )
    claims = claims_of(text)
    quote = find(claims, "Three generals")
    assert quote.speaker == "Petra Lind"
    assert quote.core.startswith("Three generals met in Orsk") and quote.core.endswith("soldiers behind them")
    assert find(claims, "40 officers").speaker == "The army"


def test_an_aside_after_a_dash_a_relative_clause_after_a_name_and_it_is_understood():
    text = (
        "The opposition leader, Petra Lind, who has called for early elections, claimed the missing gold "
        "paid for the president's treatment abroad \u2014 a claim his office called absurd.\n\n"
        "It is understood that at least three senior officials have been questioned by prosecutors.\n"
    )
    claims = claims_of(text)
    gold = find(claims, "missing gold")
    assert (gold.speaker, gold.core) == ("Petra Lind", "the missing gold paid for the president's treatment abroad")
    questioned = find(claims, "questioned")
    assert questioned.core == "at least three senior officials have been questioned by prosecutors"
    assert questioned.hedge == "it is understood"  # the whole frame, as at the end of a sentence


def test_a_quotation_first_then_adding_that_gives_two_claims_and_a_quoted_feeling_is_not_one():
    text = (
        '"The bridge is safe and will reopen in May," the minister of transport said on Friday, adding that '
        "repairs had cost 4 million euros.\n\n"
        '"We are very proud of this team," the mayor said, adding that the stadium had cost 40 million euros.\n'
    )
    claims = claims_of(text)
    assert [(c.speaker, c.core) for c in claims] == [
        ("the minister of transport", "The bridge is safe and will reopen in May"),
        ("the minister of transport", "repairs had cost 4 million euros"),
        ("the mayor", "the stadium had cost 40 million euros"),
    ]


def test_a_clause_before_saying_a_pronoun_with_no_cue_and_a_bracketed_photo_credit():
    text = (
        "His office insists the governor is on holiday.\n\n"
        "The governor\u2019s office denied the reports on Tuesday, saying Marek was on a private holiday in the "
        "U.S. and would return in 3 weeks.\n\n"
        "Rumors about his health have circulated since January, when he appeared to lose his balance during "
        "a speech in Orsk.\n\n"
        "Marek last spoke in public on March 3, when he opened a new ferry terminal in Velm (Photo: Orsk Herald).\n\n"
        "Petra Lind wrote on Twitter, claiming that three generals met in Orsk in May to plan a coup.\n"
    )
    claims = claims_of(text)
    holiday = find(claims, "private holiday")
    assert (holiday.speaker, holiday.core) == (
        "The governor\u2019s office",
        "Marek was on a private holiday in the U.S. and would return in 3 weeks",
    )
    # "he" is the governor the story is about, not someone who spoke: the outlet asserts it
    assert find(claims, "lose his balance").speaker is None
    ferry = find(claims, "ferry terminal")
    assert ferry.speaker is None and ferry.text.endswith("in Velm")
    assert find(claims, "three generals").core == "three generals met in Orsk in May to plan a coup"


def test_a_third_article_datelines_relative_clauses_contrasts_whole_quotes_and_no_comment():
    text = (
        "**TARSK \u2014** Flood barriers built for 30 million euros in 2021 failed within hours, two engineers "
        "who inspected them told the Tarsk Daily.\n\n"
        '"The barriers were never tested at full height," said Karl Jansen, an engineer. '
        '"We warned the council twice, in 2022 and 2023, that the barriers would fail."\n\n'
        'A spokeswoman said the barriers "performed as designed" and that the damage was caused by a burst '
        "water main, not the river.\n\n"
        "Mayor Ivo Brandt, who approved the 30 million euro contract, is facing calls to resign over the floods.\n\n"
        "The mayor did not respond to a request for comment.\n"
    )
    claims = claims_of(text)
    barriers = find(claims, "Flood barriers")
    assert barriers.text.startswith("Flood barriers") and not barriers.core.startswith("**")
    assert barriers.speaker == "two engineers"
    # a sentence wholly inside quotation marks is the last speaker's, not "We"'s
    assert find(claims, "We warned").speaker == "Karl Jansen"
    designed = find(claims, "performed as designed")
    main = find(claims, "burst water main")
    assert designed is not main, '"said A and that B" gives two claims'
    assert (main.speaker, main.negated) == ("A spokeswoman", False), '", not the river" contrasts, it does not deny'
    assert find(claims, "Brandt").speaker is None
    assert not [c for c in claims if "request for comment" in c.text]


def test_the_second_of_two_things_said_is_listed_without_its_and_that():
    text = "Lind said the plot was already in motion and that the army chief had been sidelined in September.\n"
    first, second = extract(text).claims
    assert first.text == "Lind said the plot was already in motion"
    assert second.text == "the army chief had been sidelined in September."
    assert text[second.start : second.end] == second.text and second.speaker == "Lind"


def test_according_to_after_a_semicolon_names_its_source():
    d = describe(
        "In Orsk, a similar deal in 2019 promised 2,000 jobs; according to the city's own figures, "
        "fewer than 400 were created."
    )
    assert (d.speaker, d.core) == ("the city's own figures", "fewer than 400 were created")


def test_he_after_a_person_named_as_subject_is_that_person():
    text = (
        "Interior Minister Pavel Dorn's brother-in-law bought 40 hectares of state land near Orsk for "
        "1.2 million euros in 2023, according to registry records.\n\n"
        "Dorn has denied any wrongdoing. \u201cI have never sold a square metre of public land to anyone,\u201d "
        "he said on Friday.\n"
    )
    claims = claims_of(text)
    assert find(claims, "never sold").speaker == "Dorn"
    assert find(claims, "brother-in-law").speaker == "registry records"


def test_a_fifth_article_memos_that_show_coordinated_cues_long_alleged_and_a_caution():
    text = (
        "A leaked memo appears to show that the army chief, Gen. Oskar Rudd, met rebel commanders in Lisk "
        "twice in August.\n\n"
        "Its authenticity could not be independently verified.\n\n"
        'The defence ministry called the memo "a crude forgery" and said Rudd had been in Drovna '
        "throughout August.\n\n"
        "Critics of the government have long alleged that 40 senior officers are in contact with the rebels.\n"
    )
    ex = extract(text)
    assert ex.caution == "Its authenticity could not be independently verified."
    claims = ex.claims
    memo = find(claims, "leaked memo")
    assert (memo.speaker, memo.hedge) == ("A leaked memo", "appears to")
    assert memo.core.startswith("the army chief, Gen. Oskar Rudd, met rebel commanders")
    assert find(claims, "Drovna").speaker == "The defence ministry"
    assert find(claims, "senior officers").speaker == "Critics of the government"
    assert describe("It was the only show that included 50% women in May.").speaker is None


def test_a_sixth_article_no_as_negation_said_to_be_not_true_that_and_ruled_out():
    text = (
        'The bank said Sand was "on extended medical leave" and that no funds were missing from 40 accounts.\n\n'
        "It did not say where he was.\n\n"
        "Police have not ruled out that Sand left Karvonia on a private jet in October.\n\n"
        "Sand, 58, is said to be close to President Aurel Vesna.\n\n"
        "It is not true that the bank has lost its licence, the central bank said on Monday.\n\n"
        "There is no evidence that Sand took 5 million euros from the bank.\n"
    )
    claims = claims_of(text)
    missing = find(claims, "no funds")
    assert (missing.speaker, missing.negated) == ("The bank", True)
    assert not [c for c in claims if c.text.startswith("It did not say")]
    assert find(claims, "ruled out").core == "Sand left Karvonia on a private jet in October"
    assert find(claims, "said to be").speaker is None
    licence = find(claims, "licence")
    assert (licence.speaker, licence.core, licence.negated) == (
        "the central bank",
        "the bank has lost its licence",
        True,
    )
    evidence = find(claims, "no evidence")
    assert (evidence.core, evidence.negated) == ("Sand took 5 million euros from the bank", True)


def test_a_main_clause_before_though_someone_said_is_the_outlets_own_claim():
    text = (
        "Some customers allegedly withdrew 5 million euros in a single day last week, though the bank denied "
        "that there had been a run on deposits.\n"
    )
    claims = claims_of(text)
    assert [(c.speaker, c.core, c.hedge, c.negated) for c in claims] == [
        (None, "Some customers withdrew 5 million euros in a single day last week", "allegedly", False),
        ("the bank", "there had been a run on deposits", None, True),
    ]


def test_an_interview_printed_as_questions_and_answers_gives_the_answers_to_the_interviewee():
    text = (
        "Lena Varr has run the port of Kessel since 2021. We spoke to her on Tuesday.\n\n"
        "Q: How much has the strike cost the port?\n\n"
        "A: About 3 million euros so far. Every day the cranes stand still costs us 400,000 euros.\n\n"
        "Q: The union says you have refused to meet them since 2025.\n\n"
        "A: The port owes 120 million euros to the regional bank.\n\n"
        "The strike began on October 3, when 2,000 dockworkers walked out.\n"
    )
    claims = claims_of(text)
    cost = find(claims, "3 million")
    assert (cost.text, cost.speaker) == ("About 3 million euros so far.", "Lena Varr")
    assert find(claims, "cranes").speaker == "Lena Varr"
    assert find(claims, "120 million").speaker == "Lena Varr"
    union = find(claims, "union says")
    assert union.text.startswith("The union") and union.speaker == "The union"
    assert find(claims, "dockworkers").speaker is None, "the text after the interview is the outlet's"
    assert describe("A. Berg said the port would close in 2027.").speaker is not None


def test_a_speaker_the_tagger_finds_at_the_end_said_what_comes_before():
    from app.extract import analyse

    text = "Prices could fall sharply if neighbouring countries also report bumper harvests, analysts warn."
    (a,) = analyse(text)
    c0, c1 = a.attribution.content_span
    assert text[c0:c1] == "Prices could fall sharply if neighbouring countries also report bumper harvests"


def test_a_claim_and_the_rumors_that_spread_about_it_are_two_claims():
    text = (
        "Viktor Sand, the chief executive of Orsk Savings Bank, has not been seen since October 12, and rumours "
        "that he fled the country with depositors' money have spread online.\n"
    )
    claims = claims_of(text)
    assert [(c.speaker, c.core, c.hedge, c.negated) for c in claims] == [
        (
            None,
            "Viktor Sand, the chief executive of Orsk Savings Bank, has not been seen since October 12",
            None,
            True,
        ),
        (None, "he fled the country with depositors' money", "rumours", False),
    ]


def test_what_is_found_or_ordered_is_the_outlets_claim_and_a_thing_called_false_is_negated():
    found = describe("Engineers found two cracks in the wall of the Tarsk dam on Thursday morning.")
    assert found.core == "Engineers found two cracks in the wall of the Tarsk dam on Thursday morning"
    # "Posts claiming that X were false": X, negated, said by the police
    posts = describe("Posts claiming that the Tarsk dam had burst were false, the police said.")
    assert (posts.speaker, posts.core, posts.negated) == ("the police", "the Tarsk dam had burst", True)
    denial = describe("Reports that the harbour master had resigned are completely untrue, his office said.")
    assert (denial.speaker, denial.core, denial.negated) == ("his office", "the harbour master had resigned", True)
    aside = describe(
        "Ilse Marr admitted that the audit in March had been rushed, but warned against wild speculation "
        "about the missing funds."
    )
    assert aside.hedge != "speculation"


def test_those_told_to_do_something_are_not_its_speakers():
    claims = extract("- About 4,000 residents downstream were told to leave their homes\n").claims
    assert [(c.speaker, c.core) for c in claims] == [
        (None, "About 4,000 residents downstream were told to leave their homes")
    ]


def test_a_correction_notice_is_not_a_claim():
    text = (
        "The water board said the Tarsk dam had two cracks in its upper wall.\n\n"
        "Correction: An earlier version of this story said 6,000 residents had been evacuated. "
        "The figure is about 4,000.\n\n"
        "Police said 4,000 residents had been evacuated from Millbrook by Thursday evening.\n"
    )
    claims = extract(text).claims
    assert [c.core for c in claims] == [
        "the Tarsk dam had two cracks in its upper wall",
        "4,000 residents had been evacuated from Millbrook by Thursday evening",
    ]


def test_a_rumor_the_outlet_reports_after_its_own_claim_is_a_second_claim():
    text = (
        "The harbour master has not been seen in public for 19 days, fuelling speculation in Tarsk that he is "
        "seriously ill.\n\n"
        "The minister cancelled two trips this week amid rumours that she had been taken to a clinic in Velm.\n"
    )
    got = [(c.text, c.speaker, c.core, c.hedge) for c in extract(text).claims]
    assert got == [
        ("The harbour master has not been seen in public for 19 days", None,
         "The harbour master has not been seen in public for 19 days", None),
        ("speculation in Tarsk that he is seriously ill.", None, "he is seriously ill", "speculation"),
        ("The minister cancelled two trips this week", None, "The minister cancelled two trips this week", None),
        ("rumours that she had been taken to a clinic in Velm.", None, "she had been taken to a clinic in Velm",
         "rumours"),
    ]  # fmt: skip


def test_an_attribution_closing_a_sentence_with_a_relayed_rumor_covers_both_claims():
    """ "A amid rumours that B, according to X": X said both; B's core stops before the attribution."""
    text = (
        "The harbour master may soon lose his post amid rumours that he took bribes, according to two "
        "port officials.\n\n"
        "The minister cancelled two trips this week amid speculation that she is ill, her former aide said.\n"
    )
    got = [(c.text, c.speaker, c.core, c.hedge) for c in extract(text).claims]
    assert got == [
        ("The harbour master may soon lose his post", "two port officials",
         "The harbour master may soon lose his post", "may"),
        ("rumours that he took bribes, according to two port officials.", "two port officials",
         "he took bribes", "rumours"),
        ("The minister cancelled two trips this week", "her former aide",
         "The minister cancelled two trips this week", None),
        ("speculation that she is ill, her former aide said.", "her former aide", "she is ill", "speculation"),
    ]  # fmt: skip


def test_an_embedded_posts_sentences_are_its_authors_and_a_non_answer_is_no_claim():
    text = (
        "The port authority denied on Monday that 40 containers had gone missing.\n\n"
        "Forty containers vanished from pier 9 last week. The police were paid to look away. "
        "\u2014 Dock Watch (@dockwatch) November 20, 2026\n\n"
        'Asked whether the containers had been found, a spokeswoman said: "I have nothing to add."\n'
    )
    got = [(c.text, c.speaker, c.core) for c in extract(text).claims]
    assert got[1:] == [
        ("Forty containers vanished from pier 9 last week.", "Dock Watch",
         "Forty containers vanished from pier 9 last week"),
        ("The police were paid to look away.", "Dock Watch", "The police were paid to look away"),
    ]  # fmt: skip


def test_a_hard_wrapped_wire_story_gives_one_line_cores_and_speakers():
    text = (
        "TARSK, Nov 24 (Continental Wire) - The port of Tarsk lost 30 million euros\n"
        "last year, according to a draft report by the regional\n"
        "audit office.\n\n"
        'Harbour Master Ivo Renn rejected the findings. "Not a single euro is missing,"\n'
        "he told a news conference on Monday.\n\n"
        "Cargo volumes fell by 12% in the first half of the year, data from the\n"
        "national statistics office show.\n\n"
        "The new crane cost 80 million euros, twice its original budget,\n"
        "it is understood.\n"
    )
    got = [(c.speaker, c.core, c.hedge) for c in extract(text).claims]
    assert got == [
        ("a draft report by the regional audit office", "The port of Tarsk lost 30 million euros last year", None),
        # "he": the harbour master, named in full as the subject of the sentence before
        ("Ivo Renn", "Not a single euro is missing", None),
        ("data from the national statistics office", "Cargo volumes fell by 12% in the first half of the year", None),
        (None, "The new crane cost 80 million euros, twice its original budget", "it is understood"),
    ]


def test_an_accusation_is_claimed_whole_and_the_accused_is_not_a_speaker():
    text = (
        "The Velm harbour master was arrested on Monday, accused of taking bribes from shipping firms.\n\n"
        "Senator Ola Brix accused the harbour master on Tuesday of taking 2 million euros in bribes.\n"
    )
    got = [(c.speaker, c.core) for c in extract(text).claims]
    assert got == [
        (None, "The Velm harbour master was arrested on Monday, accused of taking bribes from shipping firms"),
        ("Ola Brix", "Senator Ola Brix accused the harbour master on Tuesday of taking 2 million euros in bribes"),
    ]


def test_a_role_before_a_name_is_dropped_and_what_was_said_in_a_where_clause_is_background():
    got = [(c.speaker, c.core) for c in extract(
        "Chief executive Mona Dahl told investors in October that the company would keep all 2,400 jobs in Tarsk.\n\n"
        "Investigators are examining the engine room, where crew members said the fire started.\n"
    ).claims]  # fmt: skip
    assert got == [("Mona Dahl", "the company would keep all 2,400 jobs in Tarsk")]


def test_a_role_held_for_someone_else_keeps_the_whole_speaker():
    # "a spokesman for President X" is the spokesman, not X
    (claim,) = extract(
        "A spokesman for President Ivo Kask said the harbour would reopen in March after repairs."
    ).claims
    assert claim.speaker == "A spokesman for President Ivo Kask"


def test_what_someone_said_inside_a_relative_clause_leaves_the_sentence_whole():
    text = (
        '"We were brilliant today," said United manager Tomas Berg.\n\n'
        'Rovers coach Anna Holm blamed the referee for the second goal, which she said came from "a clear offside".\n'
    )
    claims = extract(text).claims
    holm = next(c for c in claims if "Holm" in c.text)
    # not "came from a clear offside", and not said by Berg
    assert (holm.speaker, holm.core) == (
        None,
        'Rovers coach Anna Holm blamed the referee for the second goal, which she said came from "a clear offside"',
    )


def test_said_one_thing_and_believe_another_is_two_claims_of_one_speaker():
    text = (
        "The officials said the harbour master had taken 2 million euros from shipping firms in 2025, "
        "and believe he has already left the country.\n"
    )
    got = [(c.speaker, c.core, c.hedge) for c in extract(text).claims]
    assert got == [
        ("The officials", "the harbour master had taken 2 million euros from shipping firms in 2025", None),
        ("The officials", "he has already left the country", "believe"),
    ]


def test_a_live_blogs_update_labels_and_an_amendment_note_are_not_part_of_claims():
    text = (
        "Update, 14:05: Police said three workers had died in the fire at the Tarsk refinery.\n\n"
        "UPDATE 3 - Police said 11 workers were injured in the fire at the Tarsk refinery on Tuesday.\n\n"
        "Updates from the refinery were slow to arrive on Tuesday night, the company said.\n\n"
        "This article was amended on 28 November 2026 to correct the number of injured.\n"
    )
    assert [c.text for c in extract(text).claims] == [
        "Police said three workers had died in the fire at the Tarsk refinery.",
        "Police said 11 workers were injured in the fire at the Tarsk refinery on Tuesday.",
        "Updates from the refinery were slow to arrive on Tuesday night, the company said.",
    ]


def test_reports_and_claims_a_clause_is_about_are_nouns_not_their_speakers():
    text = (
        "Police are investigating claims that the harbour master took 2 million euros in bribes.\n\n"
        "The minister resigned on Monday amid reports that she had hidden 3 million euros abroad.\n\n"
        "Shares in Velm Bank fell 12% on Tuesday, fuelling claims that the bank had lied about its losses.\n"
    )
    got = [(c.speaker, c.core, c.hedge) for c in extract(text).claims]
    assert got == [
        # what the police look into is the claim to check, as with "amid reports that" below
        (None, "the harbour master took 2 million euros in bribes", "claims"),
        (None, "The minister resigned on Monday", None),
        (None, "she had hidden 3 million euros abroad", "reports"),
        (None, "Shares in Velm Bank fell 12% on Tuesday", None),
        (None, "the bank had lied about its losses", "claims"),
    ]


def test_she_is_not_the_spokesman_quoted_last():
    text = (
        "The ministry's spokeswoman, Lena Hart, said on Monday that the port would reopen in March.\n\n"
        '"The harbour is safe and 40 ships are waiting," a spokesman for the port authority told reporters.\n\n'
        '"The books are open and 3 million euros are accounted for," she said on Tuesday.\n'
    )
    claims = extract(text).claims
    assert [c.speaker for c in claims if "books" in c.text] == ["Lena Hart"]


def test_a_press_release_dateline_is_neither_claim_nor_speaker():
    text = (
        "VELM, Nov. 28, 2026 /PRNewswire/ -- Velm Transit Holding today announced that 41 million passengers "
        "used its tram network in 2026, a 12% increase on 2025.\n\n"
        "TARSK, March 3, 2026 -- The port authority said 40 ships had waited outside the harbour on Monday.\n"
    )
    got = [(c.text[:20], c.speaker, c.core) for c in extract(text).claims]
    assert got == [
        ("Velm Transit Holding", "Velm Transit Holding",
         "41 million passengers used its tram network in 2026, a 12% increase on 2025"),
        ("The port authority s", "The port authority", "40 ships had waited outside the harbour on Monday"),
    ]  # fmt: skip


def test_a_transcripts_speaker_labels_name_who_says_each_paragraph():
    text = (
        "HOST: Minister, is the president ill?\n\n"
        "MINISTER OLGA BRANDT: The president is in excellent health. He met the cabinet for three hours on Monday.\n\n"
        "HOST: But he has not been seen in public since October 3.\n\n"
        "Anna Berg: The audit found 40 million euros missing from the port accounts in 2025.\n"
    )
    got = [(c.speaker, c.text) for c in extract(text).claims]
    assert got == [
        ("OLGA BRANDT", "The president is in excellent health."),
        ("OLGA BRANDT", "He met the cabinet for three hours on Monday."),
        ("HOST", "But he has not been seen in public since October 3."),
        ("Anna Berg", "The audit found 40 million euros missing from the port accounts in 2025."),
    ]
    # one "Topic: ..." line is a headline's label, not a speaker
    (claim,) = extract("Port audit: 40 million euros went missing from the port accounts in 2025.\n").claims
    assert claim.speaker is None


def test_a_relayed_rumor_about_the_army_is_kept_as_a_claim():
    (claim,) = extract("Some commentators have suggested that the army is already preparing a transition.").claims
    assert (claim.speaker, claim.core, claim.hedge) == (
        "Some commentators",
        "the army is already preparing a transition",
        "suggested",
    )


def test_a_celebrity_health_rumor_its_frame_and_its_denial():
    text = (
        "It has been reported that the singer Lina Vey cancelled three concerts in September on medical advice.\n\n"
        'Vey\'s representatives have denied the reports, insisting she is "healthy and happy".\n'
    )
    got = [(c.speaker, c.core, c.hedge) for c in extract(text).claims]
    assert got == [
        (None, "the singer Lina Vey cancelled three concerts in September on medical advice", "it has been reported"),
        ("Vey's representatives", 'she is "healthy and happy"', None),
    ]


def test_markdown_marks_are_not_part_of_cores_or_speakers():
    text = (
        "* The ferry **Saga Nord** caught fire at 23:10 on Tuesday, [the coast guard said](https://example.org/cg).\n"
        "* All 312 passengers were rescued, according to _Nordline_, the ferry's operator.\n\n"
        '> "We saw flames coming out of the engine room," passenger Ola Brix told reporters.\n'
    )
    got = [(c.speaker, c.core) for c in extract(text).claims]
    assert got == [
        ("the coast guard", "The ferry Saga Nord caught fire at 23:10 on Tuesday"),
        ("Nordline", "All 312 passengers were rescued"),
        ("passenger Ola Brix", "We saw flames coming out of the engine room"),
    ]
    assert all(text[c.start : c.end] == c.text for c in extract(text).claims)


def test_a_bulleted_list_after_someone_introduces_it_is_theirs():
    text = (
        "Interior Minister Olga Brandt made three claims at Monday's briefing:\n\n"
        "- The president met the cabinet for three hours on Monday.\n"
        "- No soldiers have been moved to the capital since October.\n\n"
        "Key points:\n\n"
        "- The port lost 40 million euros in 2025.\n"
    )
    got = [(c.speaker, c.core) for c in extract(text).claims]
    assert got == [
        ("Olga Brandt", "The president met the cabinet for three hours on Monday"),
        ("Olga Brandt", "No soldiers have been moved to the capital since October"),
        (None, "The port lost 40 million euros in 2025"),
    ]


@pytest.mark.parametrize(
    ("sentence", "core", "speaker", "negated"),
    [
        # what a speaker calls false is what they deny
        ("The ministry called reports that the dam had burst false.", "the dam had burst", "The ministry", True),
        (
            "A spokesman for the mayor dismissed claims that she had resigned as nonsense.",
            "she had resigned",
            "A spokesman for the mayor",
            True,
        ),
        (
            "Orsk Ferries calls rumors that it will sell its fleet wildly inaccurate",
            "it will sell its fleet",
            "Orsk Ferries",
            True,
        ),
        # a name before a cue at the end, with nothing setting it off, is no speaker: a passive
        (
            "The identity of the smuggler known as Red Sam was reportedly revealed",
            "The identity of the smuggler known as Red Sam was revealed",
            None,
            False,
        ),
        ("The port will close next week -- the mayor said.", "The port will close next week", "the mayor", False),
        # a web page's trailer copied with the text
        (
            "The port will close next week, the mayor said Read more at orsk-news.example: http://orsk-news.example/1",
            "The port will close next week",
            "the mayor",
            False,
        ),
    ],
)
def test_things_called_false_passives_at_the_end_and_web_trailers(sentence, core, speaker, negated):
    d = describe(sentence)
    assert (d.core, d.speaker, d.negated) == (core, speaker, negated)


def test_the_speaker_taggers_fast_scores_are_the_sum_of_its_features_weights():
    """The tagger scores tokens without building feature strings (app.speaker._Scorer); what it
    adds up must be what the trainer's features (token_features) weigh, token for token."""
    from app.extract import rule_attribution
    from app.speaker import _lexicons, _scorer, rule_marks, token_features, tokenize
    from app.textmodel import load

    model = load("speaker")
    cues, sources = _lexicons()
    text = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "samples").glob("*.md"))
    )
    checked = 0
    for seg in split(text):
        toks = tokenize(text, seg.start, seg.end)
        if not toks:
            continue
        attribution = rule_attribution(text, seg.start, seg.end)
        marks = rule_marks(toks, attribution)
        words = [m.group() for m in toks]
        feats = token_features(words, cues, sources, marks)
        want = [-99.0 if f is None else model.bias + sum(model.weights.get(x, 0.0) for x in f) for f in feats]
        assert _scorer().logits(words, marks) == pytest.approx(want, abs=1e-9)
        checked += 1
    assert checked > 50


def test_german_and_french_quotation_marks_are_read_as_quotation_marks():
    text = (
        "\u201eThe harbour master took bribes from three shipping firms\u201c, said the Orsk prosecutor Lena Varr.\n\n"
        "\u00ab The ferry company will close its Velm office in March \u00bb, said Marc Dulac on Monday.\n\n"
        "The English \u201cquotes\u201d stay as they are, the port authority said in a statement on Friday.\n"
    )
    got = extract(text, min_score=0).claims
    assert all(text[c.start : c.end] == c.text for c in got)  # spans point into the text as printed
    assert got[0].text.startswith("\u201eThe harbour master")
    assert [(c.core, c.speaker) for c in got[:2]] == [
        ("The harbour master took bribes from three shipping firms", "Lena Varr"),
        ("The ferry company will close its Velm office in March", "Marc Dulac"),
    ]
    assert got[2].core == "The English \u201cquotes\u201d stay as they are"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The port will close in May, said Marc Dulac in an interview with the Orsk Herald.", "Marc Dulac"),
        (
            '"The port will close in May," said Ana Ruiz at a news conference on Friday.',
            "Ana Ruiz",
        ),
        (
            '"The port will close in May," said Ana Ruiz of the port authority on Monday.',
            "Ana Ruiz of the port authority",
        ),
    ],
)
def test_when_and_where_a_speaker_spoke_is_not_part_of_the_speaker(sentence, speaker):
    assert describe(sentence).speaker == speaker


def test_a_speaker_of_stray_marks_is_no_speaker_and_no_crash():
    # found by random text: the tagger's speaker was all quotation marks and brackets, nothing once cleaned
    text = "Sept. he * denied more Ruiz that . - \r\n Ruiz that \u2019 \u201d Read \r\n she \xa0 : \u201c - , on - \u201a , "
    text += "http://x.y \xa0 KEY ? Sept. * \u201e the \xa0 ' \u201d \" - \u2019 [ \u201c 3 : \r\n \u201c ) \u201c Monday according to : [ \n\n"
    for c in extract(text, min_score=0).claims:
        assert text[c.start : c.end] == c.text
        assert c.speaker is None or c.speaker.strip()


@pytest.mark.parametrize(
    ("sentence", "core", "speaker", "hedge", "negated"),
    [
        # a cue word making a passive with a participle: no one named speaks, and it hedges
        (
            "Smuggling boss believed killed in a shoot-out near the Velm docks",
            "Smuggling boss believed killed in a shoot-out near the Velm docks",
            None,
            "believed",
            False,
        ),
        ("Orsk reporter said abducted by militia", "Orsk reporter said abducted by militia", None, "said", False),
        (
            "Search for owner after dog found dumped next to a suitcase",
            "Search for owner after dog found dumped next to a suitcase",
            None,
            None,
            False,
        ),
        # the object of a denial: what is denied, short as it is
        ("Velm police deny reports of mayor's arrest", "mayor's arrest", "Velm police", None, True),
        # refusing to deny is no denial
        (
            "The minister refused to deny that he had surgery.",
            "The minister refused to deny that he had surgery",
            None,
            None,
            False,
        ),
        # whom a warning goes to is not what it says; advice is not a claim's attribution
        (
            "The agency warned residents that the river would flood.",
            "the river would flood",
            "The agency",
            None,
            False,
        ),
        (
            "The agency warned residents to stay indoors.",
            "The agency warned residents to stay indoors",
            None,
            None,
            False,
        ),
        # an attribution closing a sentence that already reports one: the last speaker says it all
        (
            "Vesna denied the rumors about his health, his spokesman said.",
            "Vesna denied the rumors about his health",
            "his spokesman",
            "rumors",
            False,
        ),
        # a plural noun at the end is no cue when what comes before it names no one
        (
            "Firmware 4.1 due Thursday, here are the full release notes",
            "Firmware 4.1 due Thursday, here are the full release notes",
            None,
            None,
            False,
        ),
    ],
)
def test_passives_denied_objects_warnings_and_closing_attributions(sentence, core, speaker, hedge, negated):
    d = describe(sentence)
    assert (d.core, d.speaker, d.hedge, d.negated) == (core, speaker, hedge, negated)


@pytest.mark.parametrize(
    ("sentence", "core", "speaker", "hedge", "negated"),
    [
        (
            "Rumours that the mayor had died circulated on social media on Monday before his office denied them.",
            "the mayor had died", None, "rumours", False,
        ),
        ("Reports that the dam had cracked spread quickly through Orsk on Tuesday.", "the dam had cracked", None,
         "reports", False),
        # the last verb of spreading ends the rumor, not one inside it
        ("Rumours that the virus spread from the Orsk lab circulated widely in May.",
         "the virus spread from the Orsk lab", None, "rumours", False),
        ("Claims that the mayor took bribes have never been proven, the prosecutor said.", "the mayor took bribes",
         "the prosecutor", "claims", True),
        # the reports denied by someone: theirs, a denial
        ("Reports that the dam had cracked were denied by the water board on Tuesday.", "the dam had cracked",
         "the water board", "reports", True),
        # (who turned them down, not how: "as nonsense" is no part of the speaker)
        ("Claims that the mayor took bribes were dismissed by his lawyer as nonsense.", "the mayor took bribes",
         "his lawyer", "claims", True),
        ("Police are investigating claims that the mayor's driver was paid 40,000 euros.",
         "the mayor's driver was paid 40,000 euros", None, "claims", False),
        ("Prosecutors are looking into allegations that the mayor took bribes from ferry owners, a spokesman said.",
         "the mayor took bribes from ferry owners", "a spokesman", "allegations", False),
        # the reports qualified: whose or which they are is no speaker
        ("Media reports that the president was ill were denied by the palace.", "the president was ill",
         "the palace", "reports", True),
        ("Unconfirmed reports that General Rudd had fled to Riga with 2 million euros circulated on Monday.",
         "General Rudd had fled to Riga with 2 million euros", None, "reports", False),
        ("Local reports that 12 people died when the bridge in Tarsk collapsed spread quickly on Monday.",
         "12 people died when the bridge in Tarsk collapsed", None, "reports", False),
    ],
)  # fmt: skip
def test_a_sentence_opening_on_a_rumor_gives_the_rumor_as_the_claim(sentence, core, speaker, hedge, negated):
    """Also where the sentence says who is looking into it: the allegation is what a checker checks."""
    (c,) = extract(sentence).claims
    assert (c.core, c.speaker, c.hedge, c.negated) == (core, speaker, hedge, negated)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a vote, a ruling, a sacking, a claim turned down: the outlet reports it; what was turned
        # down never speaks
        ("The proposal was rejected by 60 percent of voters in Tarsk.", None),
        ("The appeal was dismissed by the court in March after a two-day hearing.", None),
        ("Karlsson was dismissed on Monday as the club's coach, after a run of nine defeats.", None),
        ("The claim was rejected by the ministry on Friday.", None),
    ],
)
def test_what_was_rejected_or_dismissed_is_never_the_speaker(sentence, speaker):
    (c,) = extract(sentence, min_score=0).claims
    assert c.speaker == speaker
    assert c.core == sentence.rstrip(".")


@pytest.mark.parametrize(
    ("sentence", "core", "speaker", "hedge"),
    [
        ("Karsk's claim that the president had surgery in October was met with scepticism by doctors.",
         "the president had surgery in October", "Karsk", "claim"),
        ("The minister's claims that the president was ill were denied by the palace on Friday.",
         "the president was ill", "The minister", "claims"),
        ("The mayor's allegations that the port was sold cheaply have been widely disputed.",
         "the port was sold cheaply", "The mayor", "allegations"),
        # the reaction is the last such verb: the claim may have a verb of its own
        ("Lind's claim that the ban was rejected by the court was echoed by two Western officials.",
         "the ban was rejected by the court", "Lind", "claim"),
    ],
)  # fmt: skip
def test_a_claim_someone_made_is_theirs_and_how_it_was_received_is_not_part_of_it(sentence, core, speaker, hedge):
    (c,) = extract(sentence, min_score=0).claims
    assert (c.core, c.speaker, c.hedge, c.negated) == (core, speaker, hedge, False)


@pytest.mark.parametrize(
    ("sentence", "core"),
    [
        # a time after the denied reports is no proposition: the core was "on Tuesday"
        ("The ministry denied the reports on Tuesday.", "the reports on Tuesday"),
        ("The ministry denied the reports last week that troops had crossed the border.",
         "troops had crossed the border"),
        ("The ministry denied reports troops had crossed the border.", "troops had crossed the border"),
    ],
)  # fmt: skip
def test_what_a_denial_denies_is_never_just_when_it_was_denied(sentence, core):
    (c,) = extract(sentence, min_score=0).claims
    assert (c.core, c.speaker, c.negated) == (core, "The ministry", True)


@pytest.mark.parametrize(
    ("sentence", "speaker", "core"),
    [
        ("Local media reported that at least 12 people were killed in the blast.", "Local media",
         "at least 12 people were killed in the blast"),
        ("Russian media claimed the army had taken the town.", "Russian media", "the army had taken the town"),
    ],
)  # fmt: skip
def test_the_media_reporting_are_the_speaker(sentence, speaker, core):
    """("media reports that ..." is a noun; "media reported that ..." a verb)"""
    (c,) = extract(sentence, min_score=0).claims
    assert (c.speaker, c.core) == (speaker, core)


@pytest.mark.parametrize(
    ("sentence", "claim", "negated"),
    [
        ("The president has not been seen in public for three weeks, fuelling speculation about his health.",
         "The president has not been seen in public for three weeks", True),
        ("The minister cancelled two trips abroad, prompting fresh questions over her health.",
         "The minister cancelled two trips abroad", False),
    ],
)  # fmt: skip
def test_the_talk_a_fact_stirred_is_not_part_of_the_claim(sentence, claim, negated):
    """It neither hedges the fact nor speaks it (the president was the speaker tagger's pick)."""
    (c,) = extract(sentence, min_score=0).claims
    assert (c.text, c.core, c.speaker, c.hedge, c.negated) == (claim, claim, None, None, negated)


def test_stirred_talk_that_relays_a_rumor_is_a_claim_of_its_own():
    text = "The video appears to show the president's hand trembling, fuelling speculation that he may be ill.\n"
    cores = [(c.core, c.hedge) for c in extract(text, min_score=0).claims]
    assert ("he may be ill", "speculation") in cores


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said in a statement on Sunday that no troops had crossed the border.",
        "The ministry said at a news conference last week that no troops had crossed the border.",
    ],
)
def test_where_and_when_something_was_said_is_not_what_was_said(sentence):
    (c,) = extract(sentence, min_score=0).claims
    assert (c.speaker, c.core) == ("The ministry", "no troops had crossed the border")


@pytest.mark.parametrize(
    "sentence",
    [
        "The bank has not commented on the reports, which first appeared in a local newspaper on Monday.",
        "The palace has not publicly commented.",
    ],
)
def test_not_commenting_is_no_claim(sentence):
    assert extract(sentence, min_score=0).claims == []


def test_not_commenting_on_a_claim_keeps_the_claim():
    (c,) = extract("The bank has not commented on claims that 40 million euros went missing.", min_score=0).claims
    assert "40 million euros went missing" in c.core


@pytest.mark.parametrize("did_not", ["did not deny", "didn't deny", "didn\u2019t deny", "has never denied"])
def test_not_denying_is_no_denial(did_not):
    (c,) = extract(f"The spokeswoman {did_not} that the talks had taken place.", min_score=0).claims
    assert (c.speaker, c.core, c.negated) == ("The spokeswoman", "the talks had taken place", False)


def test_no_evidence_without_that_denies_the_claim_after_it():
    (c,) = extract("There is no evidence the vaccine causes infertility, health officials said.", min_score=0).claims
    assert (c.speaker, c.core, c.negated) == ("health officials", "the vaccine causes infertility", True)
    (c,) = extract("There is no evidence of fraud in the Tarsk election, the commission said.", min_score=0).claims
    assert c.core == "There is no evidence of fraud in the Tarsk election"


@pytest.mark.parametrize("noun", ["claim", "claims"])
def test_denying_someones_claim_denies_what_they_claimed(noun):
    """As "denied claims that X": X, negated, the denier's."""
    sentence = f"The ministry denied the congressman's {noun} that ten fighters were caught at the border."
    (c,) = extract(sentence, min_score=0).claims
    assert (c.core, c.speaker, c.negated) == ("ten fighters were caught at the border", "The ministry", True)


def test_a_number_after_when_it_was_said_stays_whole_and_a_second_speaker_gets_a_claim():
    text = "The ministry said on Monday it would cut 3,000 jobs, but unions said the figure was closer to 5,000.\n"
    got = [(c.speaker, c.core) for c in extract(text).claims]
    assert got == [("The ministry", "it would cut 3,000 jobs"), ("unions", "the figure was closer to 5,000")]


_WHOLE_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*\d|(?<![\w.,])\d")


@pytest.mark.parametrize(
    "sentence",
    [
        "The union said on Friday 12,500 workers would strike at the Orsk refinery.",
        "The governor tells 3,000 farmers in Orsk the dam will hold through the spring.",
        "Though the march drew crowds, it fell far short of the 40,000 a day city officials predicted before the summit.",
        "Officials said 1,200 people had been evacuated, and 3,400 more were told to leave by Friday.",
        "The ministry said it would cut 3,000 jobs, 1,500 of them in Orsk, by the end of 2027.",
    ],
)
def test_a_numbers_thousands_comma_never_splits_a_claim_speaker_or_core(sentence):
    """A comma between digits is no clause boundary: every number a claim's core or speaker shows
    is a whole number of the sentence ("1,200", never "200" or ",000")."""
    claims = extract(sentence).claims
    assert claims
    whole = set(_WHOLE_NUMBER.findall(sentence))
    for c in claims:
        shown = _WHOLE_NUMBER.findall(c.core) + _WHOLE_NUMBER.findall(c.speaker or "")
        assert set(shown) <= whole, (c.core, c.speaker)
        assert not c.core.startswith((",", "0")) and "\u066c" not in c.core + (c.speaker or "")
    assert describe("Officials said 1,200 people had been evacuated.").core == "1,200 people had been evacuated"


@pytest.mark.parametrize(
    ("sentence", "core", "speaker"),
    [
        # a cue inside an aside about the subject is not the sentence's attribution
        ("The mayor, who has denied all wrongdoing, was charged with fraud on Tuesday, prosecutors said.",
         "The mayor, who has denied all wrongdoing, was charged with fraud on Tuesday", "prosecutors"),
        ("The mayor \u2014 who has denied all wrongdoing \u2014 was charged with fraud on Tuesday, prosecutors said.",
         "The mayor \u2014 who has denied all wrongdoing \u2014 was charged with fraud on Tuesday", "prosecutors"),
        # an attribution in the middle of what was said: the core goes round it
        ("The new bridge, officials said, would cost 3 million euros.", "The new bridge would cost 3 million euros",
         "officials"),
        ("The harbour master, Karsk said, took 2 million euros from ferry owners.",
         "The harbour master took 2 million euros from ferry owners", "Karsk"),
        # what the speaker did next is not part of what was said
        ("The mayor insisted he was innocent, telling reporters the money had been a gift from his brother.",
         "he was innocent", "The mayor"),
        # a name, an age and a role before the cue: the speaker comes first
        ("Mr. Karsk, 54, a former minister, said the economy had shrunk by 3%.", "the economy had shrunk by 3%",
         "Karsk"),
        # an abbreviated month between the cue and "that"
        ("Maj. Gen. Ana Petrov, the commander of the U.S. Army's 3rd Division, said on Sept. 4 that 1,100 troops "
         "had left.", "1,100 troops had left", "Ana Petrov"),
    ],
)  # fmt: skip
def test_a_closing_plural_speaker_and_an_abbreviated_date_before_that(sentence, core, speaker):
    (c,) = extract(sentence).claims
    assert (c.core, c.speaker) == (core, speaker)


def test_neither_confirming_nor_denying_names_who_would_not_say():
    (c,) = extract("The ministry would neither confirm nor deny that 40 soldiers had died near Orsk.\n").claims
    assert (c.speaker, c.core, c.negated) == ("The ministry", "40 soldiers had died near Orsk", False)


def test_no_truth_to_reports_that_x_denies_x():
    (c,) = extract("There is no truth to reports that the mayor has died, his office said.\n").claims
    assert (c.speaker, c.core, c.negated) == ("his office", "the mayor has died", True)


def test_a_learned_cue_word_alone_names_no_speaker_where_nothing_is_attributed():
    """ "ruled" is a cue learned from annotated news ("the court ruled that ..."); in "has ruled
    Karvonia since 2004" nobody says anything."""
    (c,) = extract("Vesna, who turns 72 next month, has ruled Karvonia since 2004.\n").claims
    assert c.speaker is None and c.core == "Vesna, who turns 72 next month, has ruled Karvonia since 2004"


def test_the_n_year_old_is_the_person_named_before_with_that_age():
    text = (
        "Mr. Karsk, 54, a former minister, said the economy had shrunk by 3%. The 54-year-old said he "
        "would run for the presidency in 2027.\n\n"
        "The 71-year-old said the port of Orsk would close in May.\n"
    )
    assert [c.speaker for c in extract(text).claims] == ["Karsk", "Karsk", "The 71-year-old"]
