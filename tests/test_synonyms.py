"""Synonym groups and generic names: exact expansions, one meaning per term."""
from collections import Counter

import pytest

from indexer.terms import synonyms_of
from indexer.terms.synonyms import ABBREVIATION_GROUPS, DRUG_GROUPS, GENERIC_OF, SYNONYM_GROUPS


@pytest.mark.parametrize(
    "term, expected",
    [
        ("lyrica", ("pregabalin",)),
        ("pregabalin", ("lyrica",)),
        ("physical therapy", ("physiotherapy", "pt")),
        ("pt", ("physical therapy", "physiotherapy")),
        ("esi", ("epidural injection", "epidural steroid injection")),
        ("flexeril", ("amrix", "cyclobenzaprine", "fexmid", "tabradol")),
        ("ms contin", ("avinza", "kadian", "morphine", "morphine sulfate")),
        ("uds", ("urine drug screen", "urine drug test", "urine drug testing",
                 "urine toxicology")),
        ("rfa", ("request for authorization",)),
        ("  Lyrica ", ("pregabalin",)),
        ("MS   Contin", ("avinza", "kadian", "morphine", "morphine sulfate")),
        ("aspirin-free unicorn", ()),
        ("", ()),
    ],
)
def test_synonyms_of_returns_other_members_sorted(term, expected):
    assert synonyms_of(term) == expected


@pytest.mark.parametrize("term, member", [
    ("norco", "hydrocodone"),
    ("hydrocodone", "norco"),
    ("vicodin", "hydrocodone/acetaminophen"),
    ("ultram", "ultracet"),
    ("percocet", "oxycodone/acetaminophen"),
    ("oxycontin", "oxycodone"),
    ("cymbalta", "duloxetine"),
    ("lidoderm", "lidocaine"),
    ("emg", "electromyography"),
    ("tens", "transcutaneous electrical nerve stimulation"),
])
def test_synonyms_of_links_brand_generic_and_abbreviation(term, member):
    assert member in synonyms_of(term)


@pytest.mark.parametrize("term", ["norco", "physical therapy", "pt", "tens"])
def test_synonyms_of_never_includes_the_term_itself(term):
    assert term not in synonyms_of(term)


def test_percocet_and_oxycontin_are_separate_groups():
    assert "percocet" not in synonyms_of("oxycodone")


def test_at_least_sixty_drug_groups():
    drug_groups = [g for g in SYNONYM_GROUPS if any(t in GENERIC_OF for t in g)]
    assert len(drug_groups) >= 60
    assert len(drug_groups) == len(DRUG_GROUPS)


def test_each_term_belongs_to_exactly_one_group():
    counts = Counter(t for g in SYNONYM_GROUPS for t in g)
    assert [t for t, n in counts.items() if n > 1] == []


def test_terms_are_lowercase_and_trimmed_and_groups_have_two_members():
    for group in SYNONYM_GROUPS:
        assert len(group) >= 2, group
        for term in group:
            assert term == " ".join(term.lower().split()), term


def test_abbreviation_groups_hold_no_drug_names():
    assert [t for g in ABBREVIATION_GROUPS for t in g if t in GENERIC_OF] == []


@pytest.mark.parametrize(
    "name, generic",
    [
        ("norco", "hydrocodone/acetaminophen"),
        ("vicodin", "hydrocodone/acetaminophen"),
        ("hydrocodone/apap", "hydrocodone/acetaminophen"),
        ("hydrocodone", "hydrocodone"),
        ("hysingla", "hydrocodone"),
        ("percocet", "oxycodone/acetaminophen"),
        ("oxycontin", "oxycodone"),
        ("ultram", "tramadol"),
        ("ultracet", "tramadol/acetaminophen"),
        ("tylenol #3", "acetaminophen/codeine"),
        ("codeine", "codeine"),
        ("tylenol", "acetaminophen"),
        ("apap", "acetaminophen"),
        ("fioricet", "butalbital/acetaminophen/caffeine"),
        ("soma", "carisoprodol"),
        ("fexmid", "cyclobenzaprine"),
        ("neurontin", "gabapentin"),
        ("horizant", "gabapentin enacarbil"),
        ("anaprox ds", "naproxen"),
        ("voltaren gel", "diclofenac"),
        ("arthrotec", "diclofenac/misoprostol"),
        ("duexis", "ibuprofen/famotidine"),
        ("vimovo", "naproxen/esomeprazole"),
        ("lidoderm", "lidocaine"),
        ("desyrel", "trazodone"),
        ("suboxone", "buprenorphine/naloxone"),
        ("butrans", "buprenorphine"),
        ("trezix", "acetaminophen/caffeine/dihydrocodeine"),
    ],
)
def test_generic_of(name, generic):
    assert GENERIC_OF[name] == generic


def test_every_generic_is_itself_a_name_that_maps_to_itself():
    assert {g for g in GENERIC_OF.values() if GENERIC_OF.get(g) != g} == set()
