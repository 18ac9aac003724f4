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

#: Verbs of belief and saying between a group and a copula make the group the believer, not the
#: subject: "what most Salvadorans believe are parasitic criminals" says the criminals are.
BELIEF_VERBS = (r"\b(?:believes?|believed|think|thinks|thought|says?|said|considers?|considered|feels?|felt|"
                r"claims?|claimed|knows?|knew|argues?|argued|insists?|suspects?|fears?|assumes?|assumed|"
                r"reckons?|see|sees|regard|regards|call|calls|called)\b")

#: A passive participle right after the copula reports how OTHERS treat or speak of the group
#: ("refugees are treated like animals", "they were branded vermin"): the victims' side of a
#: report, not the author's predication. The deontic "should be treated like" is its own predicate.
REPORTED_TREATMENT = (r"(?:being |often |still |routinely |openly |now )?(?:treated|seen|viewed|regarded|described|"
                      r"portrayed|depicted|labell?ed|called|branded|dismissed|referred to|spoken of|talked about|"
                      r"herded|caged|housed|kept|dehumani[sz]ed)\b")

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

# =============================================================================================
# MULTILINGUAL (ar, nl, fr, de, hi, it, zh, pl, pt, es, ur incl. Roman Urdu, bn, id).
#
# Written from each language's grammar and its usual dehumanising metaphors (the same closed
# family as above), not from any evaluation set. Entries are per language; the model wraps each
# language's alternatives in that script's boundaries (Latin: word boundaries; Chinese: none;
# Arabic script, Devanagari, Bengali: no letter of the script before). A statement is
# GROUP + (copula) + TERM in one of three orders (see ``dehumanisation._ml_templates``):
# SVO with a copula ("sont", "sind", "son", "sono", "zijn", "są", "是", "adalah"); SOV with a
# final copula (Hindi/Urdu "हैं"/"ہیں"/"hain"); or no copula (Arabic, Urdu, Bengali,
# Indonesian nominal sentences) with only hedges between group and term.

#: Latin-script language codes (the others: zh, ar, ur, hi, bn).
ML_LATIN = frozenset({"fr", "de", "es", "pt", "it", "nl", "pl", "id", "ur-latn"})

#: Groups in subject position that name a protected group (weight IDENTITY_NOUN_WEIGHT).
ML_IDENTITY: dict[str, str] = {
    "fr": (r"(?:les |des |ces |tous les |toutes les )?(?:musulman(?:e)?s|juifs|juives|chrétiens|hindous|"
           r"arabes|noirs|noires|asiatiques|africains|immigrés|immigrants|migrants|réfugiés|étrangers|roms|"
           r"tsiganes|gitans|homosexuels|homos|gays|pédés|lesbiennes|trans|transsexuels|femmes|handicapés|"
           r"maghrébins)"),
    "de": (r"(?:die |alle |diese )?(?:muslime|moslems|juden|christen|hindus|araber|schwarzen|ausländer|"
           r"einwanderer|migranten|flüchtlinge|asylanten|zigeuner|roma|homosexuellen|schwule|schwulen|"
           r"lesben|transen|frauen|behinderten|türken|afrikaner|asiaten)"),
    "es": (r"(?:los |las |esos |estos |todos los |todas las )?(?:musulmanes|musulmanas|judíos|judías|"
           r"cristianos|hindúes|árabes|negros|negras|inmigrantes|migrantes|refugiados|extranjeros|gitanos|"
           r"homosexuales|gays|maricones|lesbianas|trans|mujeres|discapacitados|moros|sudacas)"),
    "pt": (r"(?:os |as |esses |estes |todos os |todas as )?(?:muçulmanos|muçulmanas|judeus|judias|cristãos|"
           r"hindus|árabes|negros|negras|imigrantes|migrantes|refugiados|estrangeiros|ciganos|homossexuais|"
           r"gays|viados|lésbicas|trans|travestis|mulheres|deficientes|nordestinos)"),
    "it": (r"(?:gli |i |le |questi |tutti gli |tutte le )?(?:musulmani|musulmane|ebrei|cristiani|indù|arabi|"
           r"neri|negri|immigrati|migranti|profughi|rifugiati|stranieri|zingari|rom|omosessuali|gay|froci|"
           r"lesbiche|trans|donne|disabili|handicappati|marocchini)"),
    "nl": (r"(?:de |die |deze |alle )?(?:moslims|joden|christenen|hindoes|arabieren|zwarten|negers|"
           r"immigranten|migranten|vluchtelingen|buitenlanders|allochtonen|zigeuners|roma|homo's|"
           r"homoseksuelen|lesbiennes|transgenders|vrouwen|gehandicapten|marokkanen|turken)"),
    "pl": (r"(?:muzułmanie|żydzi|chrześcijanie|hindusi|arabowie|czarni|murzyni|imigranci|migranci|uchodźcy|"
           r"cudzoziemcy|cyganie|romowie|geje|pedały|lesbijki|kobiety|niepełnosprawni|ukraińcy)"),
    "id": (r"(?:orang(?:-orang)? (?:islam|muslim|yahudi|kristen|katolik|hindu|cina|china|tionghoa|arab|"
           r"kulit hitam|asing|ahmadiyah|syiah|gay|lgbt|cacat|imigran|pengungsi|rohingya)|kaum (?:yahudi|"
           r"muslim|kristen|gay|lgbt|homo|wanita|perempuan)|yahudi|kafir|cina|tionghoa|imigran|pengungsi|"
           r"pendatang|waria|banci|bencong|perempuan|wanita|ahmadiyah|syiah)"),
    "ur-latn": (r"(?:musalman\w*|muslim\w*|yahoodi\w*|yahudi\w*|isai\w*|esai\w*|hindu\w*|sikh\w*|ahmadi\w*|"
                r"qadiani\w*|kafir\w*|aurtein|auratein|khwaja sara|hijre|hijray)"),
    "zh": (r"穆斯林|回教徒|犹太人|基督徒|印度教徒|黑人|移民|难民|外国人|同性恋者|同性恋|基佬|女人|妇女|残疾人|"
           r"阿拉伯人|非洲人|吉普赛人|跨性别者"),
    "ar": (r"(?:ال)?(?:مسلمين|مسلمون|يهود|مسيحيين|مسيحيون|نصارى|هندوس|عرب|سود|مهاجرين|مهاجرون|لاجئين|"
           r"لاجئون|اجانب|غجر|مثليين|مثليون|شواذ|نساء|معاقين|معاقون|شيعه|روافض|كفار|افارقه)"),
    "ur": (r"مسلمان\S*|یہودی\S*|عیسائی\S*|ہندو\S*|سکھ\S*|احمدی\S*|قادیانی\S*|مہاجر\S*|غیر ملکی|"
           r"ہم جنس پرست\S*|خواجہ سرا|عورتیں|معذور\S*|کافر\S*"),
    "hi": (r"मुसलमान\S*|मुस्लिम\S*|यहूदी\S*|ईसाई\S*|हिंदू\S*|सिख\S*|दलित\S*|प्रवासी\S*|शरणार्थी\S*|"
           r"विदेशी\S*|समलैंगिक\S*|हिजड़\S*|किन्नर\S*|औरतें|महिलाएं|विकलांग\S*|रोहिंग्या\S*"),
    "bn": (r"মুসলমান\S*|মুসলিম\S*|ইহুদি\S*|খ্রিস্টান\S*|হিন্দু\S*|শরণার্থী\S*|অভিবাসী\S*|বিদেশি\S*|"
           r"সমকামী\S*|হিজড়া\S*|নারী\S*|মহিলা\S*|প্রতিবন্ধী\S*|রোহিঙ্গা\S*"),
}
#: Generic groups ("these people", "they") and demonym-like plurals (the made-up "Zorbiens",
#: "Zorbianer", "zorbianos"...), weight ML_GENERIC_WEIGHT.
ML_GENERIC: dict[str, str] = {
    "fr": r"ces gens(?:-là)?|ces individus|ceux-là|ils|elles|(?:les |des |ces )?\w+(?:iens|iennes)",
    "de": r"diese leute|diese menschen|die da|sie|(?:die |alle |diese )?\w+ianer",
    "es": r"esa gente|esta gente|ellos|ellas|estos|esos|(?:los |las |estos |esos )?\w+(?:ianos|ianas)",
    "pt": r"essa gente|esta gente|eles|elas|esses|estes|(?:os |as |esses |estes )?\w+(?:ianos|ianas)",
    "it": r"questa gente|quella gente|loro|questi|quelli|(?:gli |i |questi )?\w+(?:iani|iane)",
    "nl": r"die mensen|deze mensen|dat volk|ze|zij|(?:de |die |deze )?\w+ianen",
    "pl": r"ci ludzie|tacy ludzie|oni|one|\w+ianie",
    "id": r"mereka(?: semua)?|orang-orang (?:ini|itu)|orang (?:ini|itu)|orang \w+",
    "ur-latn": r"ye log|yeh log|wo log|woh log|ye sab|yeh sab|ye|yeh|wo|woh",
    "zh": r"这些人|那些人|他们|她们|这种人|这帮人|那帮人|这群人|那群人",
    "ar": r"هؤلاء(?: الناس| القوم)?|اولئك|هم",
    "ur": r"یہ لوگ|وہ لوگ|یہ سب|یہ|وہ",
    "hi": r"ये लोग|वे लोग|वो लोग|ये सब|ये|वे|वो",
    "bn": r"এরা|ওরা|তারা|এই লোকগুলো|এই লোকেরা|ওই লোকগুলো",
}
ML_GENERIC_WEIGHT = 0.85

#: Copulas between group and term (SVO order, and the hedges a copula-less sentence allows).
ML_COPULA: dict[str, str] = {
    "fr": r"sont|étaient|seront|restent|resteront",
    "de": r"sind|waren|bleiben|werden immer",
    "es": r"son|eran|serán|siguen siendo|es|era",
    "pt": r"são|eram|serão|é|era|passam de",
    "it": r"sono|erano|saranno|è|era",
    "nl": r"zijn|waren|blijven|is",
    "pl": r"są|byli|były|to|jest|będą",
    "id": r"adalah|merupakan|ialah|itu|seperti|bagaikan|bagai|ibarat",
    "zh": r"是|就像|像|如同|好比|犹如",
}
#: Words allowed between group and term where the language needs no copula (Arabic, Urdu,
#: Bengali, Indonesian nominal sentences): hedges, quantifiers, "like".
ML_ZERO_COPULA_FILL: dict[str, str] = {
    "ar": r"هم|هي|ليسوا|مجرد|كلهم|جميعهم|ليسوا الا|ليسوا سوى|عباره عن|مثل|كال|ك",
    "ur": r"سب|صرف|تو|بس",
    "bn": r"কি|সব|সবাই|হলো|হল|হচ্ছে|শুধু|কেবল|একেকটা|একদল|যেন|আসলে",
    "id": r"bukan|tidak|semua|semuanya|itu|hanya|cuma|sekadar|memang|adalah|seperti|bagaikan|bagai|ibarat|benar-benar",
}
#: Final copulas (SOV: Hindi, Urdu, Roman Urdu) and what may stand between term and copula.
ML_COPULA_FINAL: dict[str, str] = {
    "hi": r"हैं|है|थे|हो गए हैं|बन गए हैं",
    "ur": r"ہیں|ہے|تھے",
    "ur-latn": r"hain|hai|hein|hen|thay|the",
    # German and Dutch subordinate clauses are verb-final: "..., dass Zorbianer Ratten sind".
    "de": r"sind|waren",
    "nl": r"zijn|waren",
}
ML_FINAL_FILL: dict[str, str] = {
    "hi": r"नहीं|नही|ही|भी|तो|जैसे|की तरह|के समान|के सिवा कुछ नहीं|के अलावा कुछ नहीं|से बेहतर नहीं|से ज्यादा कुछ नहीं",
    "ur": r"نہیں|ہی|بھی|تو|جیسے|کی طرح|کے سوا کچھ نہیں|سے بہتر نہیں|سے زیادہ کچھ نہیں",
    "ur-latn": r"nahi|nahin|hi|bhi|to|jaise|jese|ki tarah|ke siwa kuch nahi|ke siwa kuch nahin|se behtar nahi",
    "de": r"nicht",
    "nl": r"niet",
}

#: Dehumanising terms per family and language: (kind, weight, {lang: pattern}).
ML_TERMS: tuple[tuple[str, float, dict[str, str]], ...] = (
    ("vermin", 1.0, {
        "fr": r"vermines?|rats|cafards|cancrelats|parasites|poux|sangsues|insectes|cloportes|nuisibles|asticots|"
              r"punaises|rongeurs|tiques|cafards",
        "de": r"ungeziefer|ratten|kakerlaken|schaben|parasiten|läuse|blutsauger|insekten|maden|zecken|"
              r"schädlinge|geschmeiß|gewürm|würmer|wanzen",
        "es": r"alimañas|ratas|cucarachas|parásitos|piojos|sanguijuelas|insectos|gusanos|garrapatas|"
              r"sabandijas|bichos|roedores",
        "pt": r"vermes|ratos|baratas|parasitas|piolhos|sanguessugas|insetos|carrapatos|ratazanas",
        "it": r"parassiti|ratti|topi|scarafaggi|blatte|pidocchi|sanguisughe|insetti|vermi|zecche|pantegane",
        "nl": r"ongedierte|ratten|kakkerlakken|parasieten|luizen|bloedzuigers|insecten|maden|teken|wormen",
        "pl": r"robactw\w*|szczur\w*|karaluch\w*|pasożyt\w*|wszy|wszami|pijawk\w*|insekt\w*|robal\w*|"
              r"szkodnik\w*|kleszcz\w*|gryzoni\w*",
        "id": r"tikus|kecoa|kecoak|parasit|kutu|lintah|serangga|hama|belatung|cacing|benalu|tungau",
        "ur-latn": r"keeray|keere|keede|keeday|keedon|kiray|kide|keeray makoray|choohe|chuhe|choohay|chuhay|"
                   r"cockroach|parasite|jonk|jonkain|deemak|machhar",
        "zh": r"害虫|蟑螂|老鼠|耗子|寄生虫|虱子|蛆|臭虫|蚂蟥|吸血鬼|蝗虫|虫子",
        "ar": r"حشرات|صراصير|صراصر|جرذان|فئران|طفيليات|طفيليون|قمل|ديدان|افات|هوام|جراد",
        "ur": r"کیڑے\S*|کیڑوں|کیڑا|چوہے|چوہوں|لال بیگ|کاکروچ|طفیلی|جوئیں|جونک\S*|دیمک|مچھر",
        "hi": r"कीड़\S*|कीडे|कीट|चूह\S*|कॉकरोच|तिलचट्ट\S*|परजीवी|जूं|जोंक\S*|दीमक|मच्छर",
        "bn": r"কীট\S*|পোকা\S*|ইঁদুর\S*|তেলাপোকা\S*|আরশোলা\S*|পরজীবী\S*|উকুন\S*|জোঁক\S*|উইপোকা\S*",
    }),
    ("animal", 0.95, {
        "fr": r"animaux|bêtes|chiens|porcs|cochons|singes|macaques|bétail|serpents|hyènes|chacals|vautours|"
              r"chèvres|ânes|bêtes sauvages",
        "de": r"tiere|bestien|hunde|schweine|affen|vieh|schlangen|hyänen|schakale|geier|ziegen|esel|köter|viecher",
        "es": r"animales|bestias|perros|cerdos|puercos|marranos|monos|simios|ganado|serpientes|víboras|hienas|"
              r"chacales|buitres|cabras|burros",
        "pt": r"animais|bestas|cães|cachorros|porcos|macacos|gado|cobras|serpentes|víboras|hienas|chacais|"
              r"urubus|abutres|cabras|burros|jumentos",
        "it": r"animali|bestie|cani|maiali|porci|scimmie|bestiame|serpenti|vipere|iene|sciacalli|avvoltoi|capre|asini",
        "nl": r"dieren|beesten|honden|varkens|zwijnen|apen|vee|slangen|hyena's|jakhalzen|gieren|geiten|ezels",
        "pl": r"zwierzęt\w*|bydł\w*|bydlęta|bestie|bestiami|psy|psami|świnie|świniami|wieprz\w*|małp\w*|"
              r"węże|żmije|hien\w*|szakal\w*|sępy|kozy|osły|kundl\w*",
        "id": r"binatang|hewan|anjing|babi|monyet|kera|ternak|ular|hyena|serigala|keledai|kambing",
        "ur-latn": r"janwar\w*|jaanwar\w*|haiwan\w*|haivan\w*|kutte|kuttay|kutton|suar|soor|suwar|bandar\w*|"
                   r"saanp|gidh|gadhe|gadhay|bhediye",
        "zh": r"动物|畜生|畜牲|牲畜|牲口|禽兽|野兽|猴子|猩猩|狒狒|豺狼|秃鹫|猪狗|狗(?=$|[。！，,.!？?]|一样|而已|罢了)|"
              r"猪(?=$|[。！，,.!？?]|一样|而已|罢了)",
        "ar": r"حيوانات|بهائم|وحوش|كلاب|خنازير|قرده|قرود|ماشيه|افاعي|ثعابين|ضباع|حمير|ماعز|انعام",
        "ur": r"جانور\S*|حیوان\S*|کتے|کتوں|سور|سؤر|بندر\S*|مویشی|سانپ|گیدڑ|گدھ\S*|بھیڑیے|درندے",
        "hi": r"जानवर\S*|पशु\S*|कुत्त\S*|सूअर\S*|सुअर\S*|बंदर\S*|मवेशी|सांप\S*|गीदड़\S*|गिद्ध\S*|गधे|भेड़िय\S*|दरिंदे",
        "bn": r"জানোয়ার\S*|জন্তু\S*|পশু\S*|কুকুর\S*|শুয়োর\S*|শূকর\S*|বানর\S*|বাঁদর\S*|সাপ\S*|শেয়াল\S*|শকুন\S*|গাধা\S*",
    }),
    ("disease", 1.0, {
        "fr": r"(?:un |une |le |la )?(?:cancer|peste|fléau|maladie|virus|tumeur|gangrène|épidémie|infection|"
              r"pandémie|lèpre|plaie)",
        "de": r"(?:ein |eine |die |das |der )?(?:krebs|krebsgeschwür|geschwür|pest|seuche|plage|krankheit|virus|"
              r"tumor|epidemie|pandemie|infektion|eiterbeule|krätze|aussatz)",
        "es": r"(?:un |una |la |el )?(?:cáncer|plaga|peste|enfermedad|virus|tumor|gangrena|epidemia|infección|"
              r"lacra|pandemia|lepra)",
        "pt": r"(?:um |uma |a |o )?(?:câncer|cancro|praga|peste|doença|vírus|tumor|gangrena|epidemia|infecção|"
              r"chaga|pandemia|lepra)",
        "it": r"(?:un |una |il |la |lo )?(?:cancro|piaga|peste|malattia|virus|tumore|cancrena|epidemia|infezione|"
              r"pandemia|lebbra|morbo)",
        "nl": r"(?:een |de |het )?(?:kanker|kankergezwel|pest|plaag|ziekte|virus|tumor|gezwel|epidemie|infectie|"
              r"pandemie|besmetting|lepra)",
        "pl": r"rak|rakiem|zaraza|zarazą|plaga|plagą|choroba|chorobą|wirus|wirusem|nowotwór|nowotworem|guz|"
              r"guzem|gangrena|gangreną|epidemia|epidemią|trąd|trądem|dżuma|dżumą|wrzód|wrzodem",
        "id": r"kanker|wabah|penyakit|virus|tumor|sampar|borok|racun|momok|epidemi|pandemi",
        "ur-latn": r"cancer|kainsar|plague|taaoon|taoon|waba|beemari|bimari|virus|nasoor|nasur|korh|zeher|zehar",
        "zh": r"癌症|毒瘤|肿瘤|瘟疫|病毒|疾病|祸害|传染病|癌细胞|瘟神|鼠疫|害群之马",
        "ar": r"سرطان|طاعون|وباء|مرض|فيروس|فايروس|ورم|داء|جرب|بلاء|افه",
        "ur": r"کینسر|سرطان|طاعون|وبا|بیماری|وائرس|ناسور|کوڑھ|زہر",
        "hi": r"कैंसर|प्लेग|महामारी|बीमारी|वायरस|नासूर|कोढ़|रोग|ज़हर|जहर",
        "bn": r"ক্যান্সার|ক্যানসার|প্লেগ|মহামারী|মহামারি|রোগ|ভাইরাস|টিউমার|বিষফোঁড়া|আপদ|ব্যাধি",
    }),
    ("filth", 0.95, {
        "fr": r"ordures|déchets|racaille|raclures?|crasse|saleté|merde|pourriture|fumier|excréments|immondices|"
              r"rebuts|lie de l'humanité",
        "de": r"abschaum|dreck|müll|abfall|gesindel|pack|unrat|scheiße|auswurf|dreckspack|menschenmüll|gezücht|brut",
        "es": r"basura|escoria|mierda|porquería|inmundicia|desechos|desperdicios|gentuza|chusma|excremento|bazofia|mugre",
        "pt": r"lixo|escória|merda|imundície|sujeira|detritos|ralé|excremento|bosta|estrume|porcaria|podridão",
        "it": r"feccia|spazzatura|immondizia|rifiuti|merda|schifo|sporcizia|letame|escrementi|marmaglia|pattume",
        "nl": r"tuig|uitschot|afval|vuil|vuilnis|stront|drek|schorem|gespuis|rotzooi|smeerlappen|addergebroed",
        "pl": r"śmieci|śmieciami|śmieć|szumowin\w*|ścierw\w*|gówn\w*|odpad\w*|hołot\w*|męty|mętami|łajn\w*|"
              r"plugastw\w*|gnój|gnojem|swołocz\w*",
        "id": r"sampah(?: masyarakat)?|kotoran|tai|tahi|najis|limbah|comberan",
        "ur-latn": r"kachra|kachda|koora|kuda|gandagi|gandgi|ghalazat|gand|ghaleez|najis|gutter",
        "zh": r"垃圾|人渣|败类|渣滓|废物|粪便|狗屎|社会渣滓|废渣|残渣|脏东西",
        "ar": r"قذاره|قذرين|حثاله|قمامه|زباله|نفايات|وسخ|اوساخ|قاذورات|رعاع|نجاسه|انجاس|نجس",
        "ur": r"کچرا|کوڑا|گندگی|غلاظت|گند|غلیظ|نجس|گٹر|فضلہ",
        "hi": r"कचरा|कूड़ा|गंदगी|गन्दगी|मैल|गंद|गटर|मल|गोबर",
        "bn": r"আবর্জনা|ময়লা|নোংরা|জঞ্জাল|বিষ্ঠা|নর্দমা|কুলাঙ্গার",
    }),
    ("subhuman", 1.0, {
        "fr": r"sous-hommes|sous-humains|untermenschen|sauvages|barbares|monstres|démons|primitifs|dégénérés|inhumains",
        "de": r"untermenschen|wilde|barbaren|monster|bestien|dämonen|unmenschen|primitive",
        "es": r"infrahumanos|subhumanos|salvajes|bárbaros|monstruos|demonios|primitivos",
        "pt": r"sub-humanos|subumanos|selvagens|bárbaros|monstros|demônios|demónios|primitivos",
        "it": r"subumani|sub-umani|selvaggi|barbari|mostri|demoni|primitivi",
        "nl": r"untermenschen|onmensen|wilden|barbaren|monsters|demonen|primitieven",
        "pl": r"podludzi\w*|podczłowie\w*|dzicz\w*|dzikus\w*|barbarzyń\w*|potwor\w*|demon\w*|prymityw\w*|nieludz\w*",
        "id": r"setengah manusia|biadab|barbar|iblis|setan|monster|primitif|manusia rendahan",
        "ur-latn": r"shaitan|shaitaan|darinde|wehshi|wahshi|jangli|rakshas",
        "zh": r"低等人|劣等人|下等人|非人|野蛮人|恶魔|魔鬼|怪物|蛮夷|劣等民族|低等生物|猪狗不如|畜生不如",
        "ar": r"دون البشر|اقل من البشر|همج|متوحشون|متوحشين|شياطين|مسوخ|برابره",
        "ur": r"شیطان|وحشی|جنگلی|راکشس|غیر انسانی",
        "hi": r"राक्षस|दानव|असुर|शैतान|जंगली|वहशी|हैवान|अमानवीय|नीच|म्लेच्छ",
        "bn": r"অমানুষ\S*|রাক্ষস\S*|দানব\S*|শয়তান\S*|জংলি|বর্বর\S*|নরপশু\S*|অসুর\S*",
    }),
)
#: Denials of humanity that contain their own negator ("ne sont pas humains", "bukan manusia"):
#: the whole predicate is the term, found right after the group (and its fill).
ML_NOT_HUMAN: dict[str, str] = {
    "fr": r"ne sont (?:même )?pas (?:des |de vrais |de véritables )?(?:êtres )?humains|ne sont pas des personnes",
    "de": r"sind keine (?:richtigen |echten )?menschen",
    "es": r"no son (?:seres )?humanos|no son personas",
    "pt": r"não são (?:seres )?humanos|não são pessoas",
    "it": r"non sono (?:esseri )?umani|non sono persone",
    "nl": r"zijn geen (?:echte )?mensen",
    "pl": r"nie są ludźmi",
    "id": r"bukan manusia",
    "ur-latn": r"insaan nahi hain|insan nahi hain|insaan nahin hain|insaan hi nahi",
    "zh": r"不是人|算不上人|不配做人",
    "ar": r"ليسوا بشرا|ليسوا بشر|ليسوا من البشر",
    "ur": r"انسان نہیں ہیں|انسان ہی نہیں",
    "hi": r"इंसान नहीं हैं|इनसान नहीं हैं|मनुष्य नहीं हैं|इंसान ही नहीं",
    # the negator ends the word: "মানুষ নামের" ("named human") is not "মানুষ না" ("not human")
    "bn": r"(?:মানুষ|মানুষই) (?:না|নয়)(?![\u0980-\u09ff])",
}
#: "nothing but", "no better than": negators that assert, blanked before negation is sought.
ML_NOTHING_BUT = (
    r"ne sont (?:rien )?(?:d'autre |de plus )?que|ne sont rien d'autre que|ne sont pas mieux que|"
    r"nichts (?:anderes |weiter )?als|nicht besser als|nicht mehr als|"
    r"no son (?:nada )?más que|no son mejores que|nada más que|"
    r"non sono (?:altro )?che|nient'altro che|non sono meglio (?:di|dei|delle)|"
    r"não passam de|não são (?:nada )?mais (?:do )?que|não são nada além de|nada mais que|não são melhores que|"
    r"niets (?:meer|anders) dan|niet meer dan|niet beter dan|"
    r"nie są niczym (?:więcej|innym) niż|nie są lepsi (?:od|niż)|niczym innym jak|nic innego jak|"
    r"tidak lebih dari|tak lebih dari|tidak lebih baik dari|bukan apa-apa selain|"
    r"ke siwa kuch nahi|ke siwa kuch nahin|se behtar nahi|se zyada kuch nahi|"
    r"不过是|无非是|只不过是|不比|"
    r"ليسوا (?:الا|سوى)|لا يعدون ان يكونوا|ليسوا افضل من|"
    r"के सिवा कुछ नहीं|के अलावा कुछ नहीं|से बेहतर नहीं|से ज्यादा कुछ नहीं|"
    r"کے سوا کچھ نہیں|سے بہتر نہیں|سے زیادہ کچھ نہیں|"
    r"ছাড়া (?:আর )?কিছু(?:ই)? (?:না|নয়)|চেয়ে ভালো (?:না|নয়)"
)
#: Denials before the group ("ce n'est pas vrai que", "es ist nicht wahr, dass").
ML_DENIAL = (
    r"(?<!\w)(?:n'est pas vrai que|est faux (?:de dire )?que|nicht wahr, dass|stimmt nicht, dass|"
    r"no es (?:cierto|verdad) que|non è vero che|não é verdade que|niet waar dat|nieprawda|"
    r"tidak benar (?:bahwa|kalau)|sach nahi ke|sach nahi ki)(?!\w)"
    r"|不是真的|并不是说|ليس صحيحا|सच नहीं है कि|سچ نہیں کہ|সত্য নয় যে|সত্যি না যে"
)
#: Counter-speech and commentary, multilingual: saying, calling, comparing X with the term.
ML_COUNTER_SPEECH = (
    r"(?<![\w'])(?:dire que|affirmer que|prétendre que|traiter (?:les |des )?\w+ de|appeler|comparer|"
    r"qualifier|zu sagen|zu behaupten|zu nennen|zu bezeichnen|zu vergleichen|bezeichnen|"
    r"decir que|afirmar que|llamar|comparar|tachar|dizer que|chamar|comparar|dire che|affermare che|"
    r"chiamare|paragonare|definire|zeggen dat|beweren dat|noemen|vergelijken|mówienie|mówić|twierdzenie|"
    r"twierdzić|nazywanie|nazywać|porównywanie|mengatakan|menyebut|bilang|menyamakan|membandingkan|"
    r"kehna|kahna|kehte hain|bolna|kehna ke|kehna ki)(?!\w)"
    r"|叫做|比作|比喻成"
    r"|(?<![\u0600-\u06ff])(?:القول|وصف|تشبيه|کہنا|کہتے ہیں|کہا جانا)"
    r"|(?<![\u0900-\u097f])(?:कहना|बुलाना|तुलना|कहते हैं)"
    r"|(?<![\u0980-\u09ff])(?:বলা|তুলনা|বলে)(?![\u0980-\u09ff])"
)
