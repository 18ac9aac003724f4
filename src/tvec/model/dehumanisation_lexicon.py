"""Lexicons for :mod:`tvec.model.dehumanisation`.

Written from the definition of dehumanising speech (the metaphors that deny a group its humanity
are a well-documented, closed family: animals and vermin, disease, filth, the monstrous and the
explicitly non-human) and from a generic identity lexicon, not from any evaluation set. All
patterns are matched on the lowercased, folded view of a sentence (see ``tvec.model.cta._view``);
a literal space matches any run of whitespace. Weights in (0, 1] say how reliably a cue fills its
slot on its own; a statement scores ``group x predicate x term``.
"""

from __future__ import annotations

#: Adjectives that name a protected group when followed by a plural people-noun ("gay people",
#: "disabled men"): religion, ethnicity/colour, nationality/region, caste, gender identity,
#: sexuality, disability, migration status.
IDENTITY_ADJECTIVES = (
    r"black|white|brown|asian|african|arab|latino|latina|latinx|hispanic|indigenous|native|aboriginal|"
    r"jewish|muslim|christian|catholic|hindu|sikh|buddhist|atheist|shia|shiite|sunni|ahmadi|"
    r"gay|lesbian|bisexual|bi|queer|trans|transgender|non-binary|nonbinary|intersex|lgbt|lgbtq|lgbtq\+|"
    r"disabled|deaf|blind|autistic|mentally ill|handicapped|"
    r"immigrant|migrant|foreign|refugee|undocumented|roma|romani|gypsy|traveller|"
    r"dalit|low-caste|lower-caste|upper-caste|brahmin|"
    r"chinese|indian|pakistani|afghan|syrian|somali|nigerian|mexican|iranian|iraqi|turkish|kurdish|"
    r"palestinian|israeli|russian|ukrainian|polish|romanian|bangladeshi|kashmiri|rohingya|uyghur"
)
#: Plural heads that make "<identity adjective> <head>" a group ("black people", "trans women").
PEOPLE_NOUNS = r"people|persons|folks?|men|women|kids|children|youths?|families|communities|immigrants|migrants|refugees|citizens"

#: Plural nouns that name a protected group on their own (weight 1.0).
IDENTITY_NOUNS = (
    r"women|girls|females|men|males|"
    r"muslims|moslems|jews|christians|catholics|protestants|hindus|sikhs|buddhists|atheists|"
    r"shias|shiites|sunnis|ahmadis|ahmadiyya|mormons|"
    r"blacks|whites|arabs|africans|asians|latinos|latinas|hispanics|natives|aborigines|"
    r"gays|lesbians|homosexuals|bisexuals|queers|transgenders|trannies|"
    r"immigrants|migrants|refugees|asylum seekers|foreigners|illegals|illegal aliens|aliens|"
    r"roma|gypsies|travellers|dalits|untouchables|brahmins|"
    r"chinese|indians|pakistanis|afghans|syrians|somalis|nigerians|mexicans|iranians|iraqis|turks|"
    r"kurds|palestinians|israelis|russians|ukrainians|poles|romanians|bangladeshis|kashmiris|"
    r"rohingyas?|uyghurs|zionists|islamists|kaffirs|kafirs|infidels|disabled|cripples|retards|"
    r"feminists|lgbt people|lgbtq people|the lgbt community|the disabled|the jews|the muslims"
)
IDENTITY_NOUN_WEIGHT = 1.0
#: A capitalised plural demonym-like word ("Norvanians", "Keshites") that is not in the lexicon:
#: matched on the ORIGINAL casing. Weaker, because it also matches parties and sports fans.
DEMONYM = r"[A-Z][a-z]{2,}(?:ians|ans|ese|ites|is|ers)"
DEMONYM_WEIGHT = 0.85
#: "these/those/all <plural noun>": a group pointed at, whatever its name (weaker: "those
#: mosquitoes are pests" is about insects).
DEICTIC = r"(?:these|those|all|all the|all those|all these|such) (?:[a-z'-]+ )?(?:[a-z'-]{3,}s|people|folk|men|women)"
DEICTIC_WEIGHT = 0.7
#: Pronouns that fill the group slot only with an identity noun earlier in the same sentence.
PRONOUN = r"they|them|they're|theyre"
PRONOUN_WEIGHT = 0.9

#: Dehumanising terms, by family, with weights. Animals that are also common insults for
#: individuals ("pig", "dog") are a little weaker; explicit non-humanity is the strongest.
TERMS: tuple[tuple[str, float, str], ...] = (
    # vermin, pests, insects, parasites: the classic metaphor of eradication.
    ("vermin", 1.0, (r"vermin|pests?|rats|rodents|cockroaches|roaches|insects|bugs|lice|leeches|ticks|"
     r"termites|maggots|parasites|parasitic|locusts|fleas|mosquitoes|a plague of rats|an infestation")),
    # animals generally.
    ("animal", 0.95, (r"animals|beasts|(?:wild |filthy |dirty )?dogs|pigs|swine|apes|monkeys|baboons|gorillas|"
     r"cattle|livestock|snakes|vipers|serpents|hyenas|jackals|vultures|goats|donkeys|mongrels|"
     r"a pack of (?:wild )?(?:dogs|wolves|animals)|wild animals")),
    # disease and contagion.
    ("disease", 1.0, (r"(?:a |the |an )?(?:cancer|plague|disease|virus|pestilence|infection|tumou?r|"
     r"contagion|epidemic|blight|scourge|sickness)|diseased|cancerous")),
    # filth, trash and waste.
    ("filth", 0.95, (r"filth|filthy|dirt|trash|garbage|rubbish|scum|excrement|shit|sewage|"
     r"human garbage|human trash|human waste|human filth|scumbags|dregs")),
    # the monstrous and the subhuman, and explicit denial of humanity.
    ("subhuman", 1.0, (r"subhumans?|sub-humans?|untermenschen|savages|barbarians|beasts|monsters|"
     r"demons|primitives|lesser beings|less than human|not (?:even |fully |really )?human|"
     r"not people|not real people|no better than animals|inhuman|subhuman scum|soulless")),
    # lives denied any worth: the group as disposable.
    ("worthless", 0.9, (r"worthless|a waste of (?:space|oxygen|air|skin)|wastes of (?:space|oxygen|air|skin)|"
     r"worth (?:absolutely )?nothing|worth less than (?:\w+ )?(?:dirt|animals|dogs)|disposable|expendable")),
)

#: Dehumanising nouns that, right after an identity adjective, make the noun phrase itself a
#: dehumanising statement ("<adjective> vermin", "<adjective> trash"). Only nouns that are not
#: also ordinary words of agriculture, medicine or wildlife ("native pests", "swine fever",
#: "African animals" stay out).
ATTRIBUTIVE_TERMS = (
    r"vermin|rats|cockroaches|parasites|leeches|maggots|scum|scumbags|trash|garbage|filth|savages|"
    r"subhumans|sub-humans|mongrels"
)
ATTRIBUTIVE_WEIGHT = 0.9
#: Nouns whose lives/existence, when predicated as worthless, stand for the group itself.
LIFE_NOUNS = r"lives|life|existence|kind|sort|type|race"

#: Copulas and comparisons that predicate a term of the group (group BEFORE the predicate).
#: Weight: how strongly the construction asserts identity with the term.
PREDICATES: tuple[tuple[str, float, str], ...] = (
    ("copula", 1.0, (r"(?:are|r|is|were|will always be|will never be anything but|remain|have become|"
     r"became|'re)")),
    ("copula_hedged", 1.0, (r"(?:are|were|'re) (?:nothing (?:but|more than)|just|simply|basically|"
     r"literally|all|only|no better than|worse than|little more than|essentially|really|truly|"
     r"the same as|a bunch of|a pack of|a horde of|a swarm of|a race of)")),
    ("comparison", 0.95, (r"(?:are|were|'re) (?:like|as dirty as|as filthy as|akin to|comparable to)|"
     r"behave like|act like|live like|breed like|multiply like|spread like|look like|smell like")),
    ("treatment", 0.95, (r"(?:should|must|need to|ought to|deserve to) be (?:treated|hunted|culled|"
     r"caged|put down) (?:like|as)|belong in (?:a )?(?:zoo|cages?|the gutter|the sewer)")),
    ("infest", 0.95, r"infest|infesting|infested|swarm|swarming|are swarming|spread (?:their )?(?:disease|filth)"),
)
#: Verbs of infesting/swarming fill the predicate AND the term slot themselves.
SELF_TERM_PREDICATES = frozenset({"infest"})

#: Extermination language with the group as (passive) subject: both dehumanising and inciting.
EXTERMINATION_PASSIVE = (
    r"(?:should|must|need to|needs to|ought to|deserve to|have to|has to|are going to|will|are to) "
    r"(?:all )?be (?:all )?(?:exterminated|wiped out|wiped off the (?:face of the )?(?:earth|map)|"
    r"eradicated|cleansed|purged|gassed|culled|eliminated|annihilated|exterminated like \w+|"
    r"put down|destroyed|slaughtered|removed from the gene pool)"
)
#: Extermination language with the group as object ("wipe out the X"): imperative or wish.
EXTERMINATION_ACTIVE = (
    r"(?:exterminate|wipe out|eradicate|cleanse (?:\w+ )?of|purge|gas|cull|annihilate|get rid of|rid "
    r"(?:\w+ )?of) (?:all |the |all the |every )?"
)
EXTERMINATION_WEIGHT = 1.0

#: Negators between the group and the term ("are not vermin", "aren't animals", "are no more
#: vermin than you are"). The predicate and term texts themselves are masked first, so "no better
#: than animals" is an assertion, not a negation.
NEGATION = (
    r"\b(?:not|never|no more|no less human|neither|nor|hardly|far from|anything but|none of them|"
    r"nobody|no one|shouldn't|should not|don't|dont|do not|cannot|can't|won't|isn't|aren't|arent|"
    r"weren't|wasn't)\b|n't\b"
)

#: Denials of the statement made before the group, anywhere earlier in the sentence ("it is not
#: true that X are Y", "I don't believe X are Y"): the statement is negated, not made.
DENIAL = (
    r"\b(?:(?:it is|it's|its|that is|that's) (?:not|never|simply not|just not) true that|"
    r"(?:it is|it's) (?:false|a lie|untrue|nonsense|a myth|not the case) that|"
    r"(?:i|we) (?:do not|don't|dont|never|cannot|can't) (?:think|believe|accept|agree)(?: that)?|"
    r"there is no (?:truth|evidence)(?: (?:in|for) the (?:claim|idea))? that|"
    r"(?:nobody|no one) (?:believes?|thinks?|says?|claims?) that)\b"
)

#: Counter-speech: commenting on the statement rather than making it, anywhere in the sentence
#: ("it is wrong to call", "stop calling", "saying X are Y is hateful"). Adds to cta_lexicon's
#: CONDEMNATION, which is also applied.
COUNTER_SPEECH = (
    r"\b(?:it is wrong|it's wrong|its wrong|wrong to (?:call|say|describe|compare|think)|stop (?:calling|"
    r"saying|comparing|describing)|don't call|do not call|never call|calling (?:\w+ ){1,4}(?:vermin|"
    r"\w+) is|saying (?:that )?|claims? that|the claim|the idea that|the notion that|the myth that|"
    r"the lie that|the trope|tropes?|stereotypes?|racist|racism|sexist|sexism|homophobic|homophobia|"
    r"transphobic|transphobia|islamophobic|islamophobia|antisemitic|antisemitism|xenophobic|xenophobia|"
    r"bigoted|bigotry|dehumani[sz]\w*|propaganda|rhetoric|language like|words like|slur|slurs|"
    r"offensive|disgusting|appalling|vile|shameful|hurtful|harmful|we must reject|i reject|"
    r"can't believe|cannot believe|how dare|you can't say|you cannot say|nobody should|no one should)\b"
)

#: Attribution framing the statement as somebody else's: in addition to cta_lexicon's REPORTING
#: (which covers "said", "according to", ...). "called them vermin" reports a name-calling.
ATTRIBUTION = (
    r"\b(?:called|calls|labelled|labeled|branded|described|referred to|likened|compared|depicted|"
    r"portrayed|dubbed|painted|smeared|(?:he|she|they|who) (?:believes?|thinks?|argues?) that|"
    r"argued that|writes? that|wrote that|posters|leaflets|graffiti|banners?|chants?|"
    r"headline|the video|the post|the tweet|the speech|the manifesto)\b"
)
