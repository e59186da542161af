"""Spellings of one person's name that resolution joins, and the namesakes it keeps apart."""

from __future__ import annotations

import pytest

from allsource.model.names import person_names_alike
from allsource.model.records import LocalEntity
from allsource.resolve.linker import CandidateEntity, link


@pytest.mark.parametrize("a, b", [
    ("Andriy Kluyev", "Andriy Klyuyev"),                 # a letter more
    ("Mustapa Mohamad", "Mustapa Mohamed"),              # e/i
    ("Abdel Elah al Khatib", "Abdelelah al Khatib"),     # word breaks
    ("Janaka B. Tennekoon", "Janaka Bandara Tennakoon"),  # an initial and a letter
    ("Jeff Radebe", "Jeffrey Thamsanqa Radebe"),         # a short form
    ("Tae Hyong Chol", "Thae Hyong Chol"),               # two parts agree, one is respelled
    ("Dante Pino", "Dante Napoleon Pino Archondo"),      # a second surname left out
    ("Amery Browne", "Amery Brown"),                     # a final vowel
    ("Rashid Meredov", "Rasit Meredow"),                 # sh/s, final d/t, v/w
    ("Igor Dzundev", "Igor Djundjev"),                   # dz/dj
    ("Muhammetguly Ogshukov", "Muhammetguly Ogsukow"),   # sh/s and v/w together
    ("Daudi Migereko", "David Migereko"),                # v/u
    ("Dmitri Medvedev", "Dimitri Medvedev"),             # a vowel more, final vowels aside
    ("Eamon Courtney", "Eamon Courtenay"),
    ("Triphonie Nkurunziza", "Triophodie Nkurunziza"),   # long given names before one long surname
    ("Hans Adam II", "Adam II Hans"),                    # name order
    ("Ruhakana Ruganda", "Ruhakana Rugunda"),            # a for u behind a long given name spelled the same
    ("Satyadeow Sawh", "Satyadeow Sawah"),               # a short surname behind a long given name
    ("Ramakrishna Sithanen", "Rama Kirshna Sithanen"),   # a word break and two letters swapped
    ("Sufiyan Alaw", "Sufiyan al Aw"),                   # a particle written apart
])
def test_spellings_of_one_name_are_alike(a, b):
    assert person_names_alike(a, b) and person_names_alike(b, a)


@pytest.mark.parametrize("a, b", [
    ("Ali Khamenei", "Ruhollah Khomeini"), ("Ali Khamenei", "Ali Khomeini"), ("Khamenei", "Khomeini"),
    ("Bashar al-Assad", "Hafez al-Assad"), ("John Kerry", "John Kirby"), ("Sergei Lavrov", "Sergei Shoigu"),
    ("Kim Jong Un", "Kim Jong Il"), ("John Faulkner", "John F. Kennedy"), ("Franklin Khan", "Frank C. Carlucci"),
    ("Hassan Rouhani", "Hussein Rouhani"), ("Hassan bin Talal", "Hussein bin Talal"), ("Ivan Petr", "Ivan Petrov"),
    ("Igor Ivanovich Sechin", "Igor Shuvalov"), ("Mohammed bin Salman", "Salman bin Mohammed"),
    ("Sheikh Rashid Ahmad", "Rashid bin Abdallah bin Ahmad al Khalifa"), ("Mohammad Khamenei", "Mohammad Khomeini"),
])
def test_different_people_are_not_alike(a, b):
    assert not person_names_alike(a, b) and not person_names_alike(b, a)


class Source:
    def __init__(self, *entities: CandidateEntity) -> None:
        self.entities = list(entities)

    def candidates_for_keys(self, keys):
        return list(self.entities)

    def entity_named(self, name):
        return None


def local(name: str, type_: str = "person") -> LocalEntity:
    return LocalEntity(f"d:{name}", "d", type_, name, [name], mention_count=1)


def test_a_full_name_typed_as_an_organisation_joins_the_one_person_it_names():
    person = CandidateEntity("ent-p", "person", "Pakalitha Mosisili", ("Pakalitha Mosisili",), 2)
    judgement = link(local("Pakalitha Bethuel Mosisili", "organization"), Source(person))
    assert judgement.entity == "ent-p" and not judgement.new


def test_an_organisation_name_never_joins_a_person():
    person = CandidateEntity("ent-p", "person", "Hamid Karzai", ("Hamid Karzai",), 2)
    judgement = link(local("Hamid Karzai International Airport", "facility"), Source(person))
    assert judgement.new


def test_a_spelling_alike_two_splits_of_one_person_joins_the_most_mentioned():
    first = CandidateEntity("ent-a", "person", "Dmitri Medvedev", ("Dmitri Medvedev",), 5)
    second = CandidateEntity("ent-b", "person", "Dimitri Medvedev", ("Dimitri Medvedev",), 2)
    assert link(local("Dmitriy Medvedev"), Source(first, second)).entity == "ent-a"


def test_a_spelling_alike_two_different_people_stays_apart():
    # Kellen and Kelner are each a letter from Keller, but two letters from each other
    kellen = CandidateEntity("ent-a", "person", "Tomas Kellen", ("Tomas Kellen",), 5)
    kelner = CandidateEntity("ent-b", "person", "Tomas Kelner", ("Tomas Kelner",), 5)
    assert link(local("Tomas Keller"), Source(kellen, kelner)).new
    assert link(local("Tomas Keller"), Source(kellen)).entity == "ent-a"


def test_a_name_typed_as_a_product_joins_the_person_but_a_lone_weapon_word_does_not():
    person = CandidateEntity("ent-p", "person", "Yusuf Hyasat", ("Yusuf Hyasat",), 2)
    assert link(local("Yusuf Hayyasat", "product"), Source(person)).entity == "ent-p"
    designer = CandidateEntity("ent-k", "person", "Mikhail Kalashnikov", ("Mikhail Kalashnikov",), 2)
    assert link(local("Kalashnikov", "weapon"), Source(designer)).new


@pytest.mark.parametrize("lone_first", [True, False])
def test_a_long_lone_surname_joins_the_one_full_name_spelled_a_letter_apart(lone_first):
    lone, full = local("Wiramethikun"), local("Wirachai Wiramenthikun")
    earlier, later = (lone, full) if lone_first else (full, lone)
    known = CandidateEntity("ent-w", "person", earlier.name, (earlier.name,), 1)
    assert link(later, Source(known)).entity == "ent-w"


def test_a_short_lone_surname_spelled_differently_stays_apart():
    khomeini = CandidateEntity("ent-k", "person", "Ruhollah Khomeini", ("Ruhollah Khomeini",), 3)
    assert link(local("Khamenei"), Source(khomeini)).new
