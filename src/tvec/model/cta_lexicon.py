"""Lexicons of the call-to-action model (:mod:`tvec.model.cta`), kept apart from its logic.

Each list feeds one ROLE SLOT of a call to action; no entry triggers anything on its own.
A call needs a DIRECTIVE (or, for glorification, PRAISE), an ACT and an ADDRESSEE in one clause,
within a window, and survives only if no BLOCKER holds. Entries are regular-expression
fragments matched on a lowercased view of the sentence in which Arabic diacritics are removed,
Arabic alef/ya/ta-marbuta variants are folded and typographic apostrophes are straight. Each
entry carries a WEIGHT in (0, 1]: how strongly that cue, on its own, marks its role (the score of
a call is the product of its three weights, see ``cta.py``).

Words are matched at word boundaries: ``\\b`` is added by the model for Latin entries; entries in
other scripts carry their own look-arounds (``AR_L``/``AR_R`` and the prefix and suffix helpers
below for Arabic script, ``IN_L``/``BN_L`` ... further down).
"""

from __future__ import annotations

# Arabic-script boundaries: the model matches non-Latin entries without ``\b`` (the vowel signs
# of Indic scripts are not ``\w``), so the Arabic entries of the English-era lists carry their own.
# Without them "فرض" (is obligatory) matched inside "الفرضية" (the hypothesis), "واجب" inside
# "شهداء الواجب" (those killed on duty) and "قاتل" inside "مقاتلي" (fighters of).
#: Letters and digits of the Arabic block, not its punctuation ("،", "؛", "؟", Urdu "۔").
_AR_LETTER = r"[\u0620-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06e5\u06e6\u06ee-\u06ff]"
AR_L = r"(?<!" + _AR_LETTER + r")"
AR_R = r"(?!" + _AR_LETTER + r")"
#: A verb: the conjunctions wa-/fa- before it, nothing else.
AR_VERB_L = AR_L + r"[وف]?"
#: A noun: the conjunctions, a preposition (bi-, li-, ka-) and the article before it.
AR_NOUN_L = AR_L + r"(?:[وف]?(?:[بلك])?(?:ال)?|[وف]?لل)"
#: The same with the article required: Urdu writes "جہاد فی سبیل" and "نفیر" without it.
AR_DEFINITE_L = AR_L + r"(?:[وف]?(?:[بلك])?ال|[وف]?لل)"
#: Object and possessive suffixes after a word.
AR_SUFFIX_R = r"(?:ه|ها|هم|هما|هن|كم|نا)?" + AR_R

# ---------------------------------------------------------------------------------------------
# DIRECTIVES: the speaker asks, obliges or urges someone to act. (kind, weight, pattern)
# "call": explicit requests in the present tense ("we call on", "demands from X that"). Past
#   tense forms ("called on", "urged") are REPORTING, listed below, not directives.
# "deontic": obligation on a subject ("X must / should / ought to / have to").
# "necessity": the act presented as the only way ("not possible without", "the only solution").
# "hortative": first person plural ("let us", "it is time to").
# "optative": wishes that someone would act ("if only someone would", "I wish") - weak.
# "commissive": a declared intention to act against a target ("I will", "we are going to") - a
#   threat; it needs a human target after the act.
# "slogan": jussive formulas ("death to").
# "need": the addressee's force is what is needed ("they need your ...") - weak.
DIRECTIVES: tuple[tuple[str, float, str], ...] = (
    ("call", 1.0, r"(?:we |i )?(?:call|calls|calling) (?:up)?on"),
    ("call", 1.0, r"(?:we |i )?(?:urge|urges|implore|implores|exhort|exhorts|appeal to|appeals to)"),
    ("call", 1.0, r"(?:demand|demands) (?:from|of|that)"),
    ("call", 0.9, r"(?:we |i )?(?:demand|demands)(?= (?:the|an?|to|every|all) )"),
    ("call", 0.9, r"(?:we |i )?(?:invite|invites|summon|summons|order|command) (?:you|all|every|the)"),
    ("deontic", 0.85, r"(?:must|should|ought to|have to|has to|need to|needs to|is obliged to|are obliged to)(?! have\b)"),
    ("deontic", 0.85, r"it is (?:high |now )?time (?:for [\w ]{1,40} )?to"),
    ("deontic", 0.85, (r"(?:it is|is) (?:the |a |an )?(?:shariah |sacred |religious |individual )?"
                      r"(?:duty|obligation|fard|farz|wajib|obligatory|incumbent)")),
    ("deontic", 0.8, r"(?:duty|obligation) (?:of|upon|on) (?:every|all|the)"),
    ("necessity", 0.75, r"(?:is|are) not possible (?:without|except (?:through|by))"),
    ("necessity", 0.75, r"the only (?:solution|way|path|answer|remedy|cure) (?:is|to|for|lies in)"),
    ("hortative", 0.9, r"let us|let's|let’s"),
    ("optative", 0.7, (r"i (?:really |truly |just |do )?(?:hope|pray)(?: that)?|"
                       r"(?:i|we) (?:want|wanna) to (?:see|watch)|(?:i'd|we'd|i would|we would) (?:love|like) to "
                       r"(?:see|watch)|i wish|if only|one can only hope|i hope someone|would love to see|"
                       r"would be better off if|it would be best to|it'?s in (?:everybody|everyone)'s interest to")),
    ("deontic", 0.8, r"deserves? to"),
    ("commissive", 0.7, (r"(?:i|we)(?: really| just| actually| all| definitely){0,2} (?:will|shall|am going to|"
                        r"are going to|'ll|'m going to|'re going to|want to|intend to|are coming to|will keep)")),
    ("commissive", 0.7, r"i'll|we'll|i'm going to|we're going to"),
    ("slogan", 0.9, r"death to"),
    ("need", 0.75, r"(?:need|needs|require|requires|await|awaits) (?:the [\w ]{1,20} of )?your"),
    # Arabic: obligation and request formulas.
    ("deontic", 0.85, AR_VERB_L + r"(?:يجب|ينبغي|لا بد|لابد|وجب|فرض عين|فرض)" + AR_R),
    ("deontic", 0.85, AR_L + r"(?:من )?واجب(?:نا|كم|هم)?" + AR_R),  # not "الواجب" (the duty, as a noun)
    ("call", 1.0, AR_VERB_L + r"(?:ندعو|نطالب|نهيب|ادعو|نستنفر)(?:كم|هم)?" + AR_R),
    # An organisation's statements speak of it in the third person ("the party calls upon"); so
    # do news headlines, hence below the first person (review alone, removal with attribution).
    ("call", 0.9, AR_VERB_L + r"(?:يدعو|تدعو|يطالب|تطالب|يهيب|تهيب|يستنفر|تستنفر)(?:ن|كم|هم)?" + AR_R),
    # Urdu / Hindi: obligation and request.
    # "ہوگا" alone is the future ("will be"): an obligation only after an infinitive ("مارنا ہوگا").
    ("deontic", 0.85, AR_L + r"(?:چاہیے|چاہئے|لازم|فرض ہے|(?:\S+نا|\S+نی) (?:ہوگا|ہوگی|ہو گا|ہو گی))" + AR_R),
    ("call", 1.0, r"مطالبہ کرتے|اپیل کرتے"),
    ("call", 0.9, r"مطالبہ کرتی|مطالبہ کرتا|اپیل کرتی|اپیل کرتا"),
    ("deontic", 0.85, r"चाहिए|ज़रूरी है|जरूरी है"),
)

#: Words right after a clause-initial verb that show it is a noun or a finite verb, not an
#: imperative: news headlines start with "Bomb kills ...", "Attack on ...", "Strike at ...".
NOT_IMPERATIVE_NEXT = (
    r"on|in|of|at|over|is|was|has|had|by|from|as|kills|killed|hits|leaves|left|wounds|wounded|rocks|"
    r"claims|injures|injured|blast|victims|suspects?|toll|threats?|plots?|fears?|talks|deal|plan|"
    r"shows?|season|results?|rate|rates|price|prices|team|group"
)

#: Words that open an imperative clause ("So, ...", "Now ..."), skipped before the verb.
IMPERATIVE_LEAD = r"(?:(?:so|now|then|and|therefore|hence|thus|please|come on|go|today|brothers|sisters),?\s+)*"

#: Verbs that, at the start of a clause, make it an imperative (directive, weight 0.9). They
#: are only a DIRECTIVE; the act is found separately (it may be the same verb).
IMPERATIVE_VERBS: tuple[str, ...] = (
    "rise", "arise", "stand up", "wake up", "march on", "march", "go forth", "mobili[sz]e", "take up", "pick up",
    "fight", "kill", "slay", "strike", "attack", "wage", "declare", "launch", "join", "fund", "support",
    "overthrow", "topple", "remove", "depose", "oust", "seize", "destroy", "crush", "burn", "shoot",
    "bomb", "slaughter", "behead", "execute", "hang", "eradicate", "exterminate", "annihilate",
    "wipe out", "get rid of", "grant", "give", "liberate", "avenge", "hit", "target", "storm", "invade",
    "make hijrah", "emigrate", "enlist", "sign up", "donate", "send",
)
# Arabic plural and singular imperatives of the acts (diacritics removed, alef folded).
ARABIC_IMPERATIVES: tuple[str, ...] = (
    "قاتلوا", "اقتلوا", "جاهدوا", "انفروا", "هاجموا", "اضربوا", "انصروا", "اسقطوا", "اخلعوا",
    "انضموا", "احملوا", "انهضوا", "ثوروا", "اقتل",
)
#: Those of them that are spelt like the past tense without diacritics ("هاجموا": attack! /
#: they attacked; "انضموا": join! / they joined). News writes "ISIS members attacked the HQ",
#: so these are imperatives only at the head of a clause or after a vocative (see cta.py).
ARABIC_PAST_HOMOGRAPHS: tuple[str, ...] = ("قاتلوا", "جاهدوا", "هاجموا", "انضموا", "اسقطوا")
URDU_IMPERATIVES: tuple[str, ...] = (
    "اٹھو", "لڑو", "مارو", "نکلو", "جہاد کرو", "حملہ کرو", "ہٹاؤ", "گراؤ", "شامل ہو جاؤ", "मारो", "उठो",
)
IMPERATIVE_WEIGHT = 0.9

# ---------------------------------------------------------------------------------------------
# ACTS: what the addressee is asked to do. (category, weight, needs_target, pattern)
# needs_target: the verb is also used figuratively or of things ("fight poverty", "attack the
# problem", "execute a plan"), so it counts only with a human target right after it (see
# TARGETS) or in the passive ("should be executed"); "subject": only with people as the subject
# just before it ("they die", "all the X would burn"), never of things ("the trend dies");
# "armed": only in a sentence that names armed men (an "armed" ADDRESSEE).
ACTS: tuple[tuple[str, float, bool | str, str], ...] = (
    # Violence against people.
    ("incitement", 1.0, False, (r"(?:kill|killed|killing|kills|murder|murdered|murdering|slaughter|slaughtered|"
                               r"massacre|massacred|behead|beheaded|lynch|lynched|strangle|strangled|"
                               r"exterminate|exterminated|annihilate|annihilated|slay|slain|stab|stabbed|"
                               r"rape|raped|torture|tortured)")),
    ("incitement", 0.9, True, (r"(?:shoot|shot|execute|executed|hang|hanged|burn|burned|burnt|drown|drowned|"
                              r"hurt|harm|beat|attack|attacked|attacking|strike|struck|fight|fighting|"
                              r"destroy|destroyed|crush|crushed|eliminate|eliminated|eradicate|eradicated|"
                              r"wipe out|get rid of|put an end to|bomb|bombed|target|hit|smash|punish)")),
    ("incitement", 1.0, False, (r"(?:cut|slit|snap) (?:\w+ ){0,3}(?:throats?|necks?|heads?)|"
                               r"(?:throats?|necks?|heads?) (?:cut|slit|snapped|chopped off)")),
    ("incitement", 0.9, False, r"(?:execution|extermination|annihilation|genocide|ethnic cleansing|mass killing)"),
    ("incitement", 0.9, False, (r"(?:deserves? to|should (?:all )?|must (?:all )?|ought to (?:all )?)die|"
                               r"(?:should|would) (?:all )?be dead")),
    # A fate wished on people ("I hope they die", "if only they were dead", "I want to see them
    # burn"): counts only with people as its subject, right before it (see ACT_SUBJECT).
    ("incitement", 0.9, "subject", (r"(?:die|dies|drop dead|perish|burn|suffer|rot)(?! (?:down|out|off|away)\b)|"
                                    r"were (?:all )?dead")),
    ("incitement", 0.9, True, r"make (?:\w+ ){0,3}suffer|end (?:\w+ ){0,3}(?:lives|life)|death to"),
    ("incitement", 1.0, False, r"shed (?:\w+ ){0,2}blood|spill (?:\w+ ){0,2}blood"),
    # Military action.
    ("incitement", 1.0, False, (r"(?:wage|waging|waged|carry out|carrying out|undertake|undertaking|undertaken|"
                               r"declare|perform|launch|through|by way of) (?:a |the |armed |holy |open )?"
                               r"(?:jihad|war|holy war|armed struggle|qital|armed jihad)")),
    ("incitement", 1.0, False, r"jihad (?:undertaken|waged|carried out|fought) by"),
    ("incitement", 1.0, False, r"(?:take|taking|took) up (?:arms|weapons|the sword|guns)|pick up (?:arms|weapons|guns)"),
    ("incitement", 0.95, False, (r"(?:mobili[sz]e|mobili[sz]ation of|mobili[sz]ing|deploy|send|move) "
                                r"(?:\w+ ){0,4}(?:army|armies|armed forces|troops|forces|military|tanks)")),
    ("incitement", 0.9, False, r"march (?:on|into|upon) |launch (?:an |the )?(?:attack|offensive|assault|raid)"),
    ("incitement", 0.9, False, r"(?:take|taking) military action|open fire|martyrdom operations?"),
    ("incitement", 0.8, False, r"liberat(?:e|ion of|ing) [\w ]{1,30} (?:by force|through jihad|with arms|by the sword)"),
    ("incitement", 0.75, False, (r"(?:thunder|march) of (?:your )?boots|roar of (?:your )?engines|"
                                r"unsheathe (?:your )?swords|(?:your )?swords? (?:out|drawn)")),
    # Regime change (insurrection).
    ("insurrection", 0.9, False, (r"(?:overthrow|overthrowing|topple|toppling|bring down|coup|seize power|"
                                 r"take power|seize control of the state|uproot)"
                                 r"(?: (?:\w+ ){0,4}(?:rulers?|government|regime|president|king|tyrants?|"
                                 r"junta|leadership|system|state|power))?")),
    ("insurrection", 0.75, False, (r"(?:remove|removal of|removing|oust|ouster of|ousting|depose|deposing|"
                                  r"get rid of|getting rid of|strike away(?: \w+){0,3}|rise up against|"
                                  r"revolt against|rebel against|uprising against|break the chains of) "
                                  r"(?:\w+ ){0,3}(?:rulers?|government|regime|president|king|tyrants?|junta|"
                                  r"leadership|generals)")),
    ("insurrection", 0.8, False, (r"(?:overturn|overturning|dismantle|dismantling|abolish|abolishing|bring an end to|"
                                 r"uproot|uprooting) (?:\w+ ){0,3}(?:system|regime|order|constitution|rulers?|"
                                 r"entity|state)")),
    ("insurrection", 0.75, False, r"(?:hand|handing|hand over|give|transfer|transferring) (?:\w+ ){0,2}(?:authority|power|"
                                  r"the reins(?: of power)?) (?:over )?to"),
    ("incitement", 0.85, False, (r"(?:mobili[sz]e|march|move|advance)(?: and (?:move|march|advance))? (?:forth )?"
                                r"(?:to|towards) (?:liberate|fight|free|conquer)(?: (?:the |our |their |its )?[\w-]+)?")),
    ("insurrection", 0.9, False, (r"(?:grant|give|giving|granting|provide|extend|offer) (?:\w+ ){0,2}"
                                 r"(?:nus+rah|nus+ra|nusrat|material support)")),
    ("insurrection", 0.7, False, (r"(?:re-?establish|re-?establishment of|establish|establishment of|"
                                 r"restore|restoration of) (?:the |a )?(?:\w+ ){0,2}"
                                 r"(?:khilafah|khilafat|caliphate|islamic state)")),
    # Recruitment.
    ("recruitment", 0.9, False, (r"join (?:the )?(?:ranks of )?(?:the )?(?:mujahid\w*|fighters|jihad|caravan|"
                                r"battle|fight|brigades?|armed struggle|islamic state|soldiers of)")),
    ("recruitment", 0.85, False, r"(?:make|making) hijrah|emigrate to (?:the )?(?:land|lands) of"),
    ("recruitment", 0.85, False, (r"(?:fund|finance|donate to|send money to|arm|equip) (?:the )?"
                                 r"(?:mujahid\w*|fighters|jihad)")),
    ("recruitment", 0.85, False, r"fight (?:alongside|with) (?:the |your |our )?(?:mujahid\w*|brothers|fighters)"),
    # Arabic.
    ("incitement", 1.0, False, AR_VERB_L + r"(?:(?:قاتلو|اقتلو|جاهدو|اضربو|هاجمو)(?:ا|ه|ها|هم|هن)|انفروا|"
                               r"اقتل(?:ه|ها|هم)?|قاتل)" + AR_R),
    ("incitement", 1.0, False, AR_NOUN_L + r"قتال" + AR_SUFFIX_R + r"|" + AR_DEFINITE_L + r"جهاد في سبيل"),
    ("insurrection", 0.9, False, AR_VERB_L + r"(?:اسقطوا|اخلعوا)" + AR_R),
    ("insurrection", 0.9, False, AR_NOUN_L + r"(?:اسقاط النظام|خلع الحكام|اقامة الخلافة|انقلاب)" + AR_R),
    # "نصرة" is also "support for the right / for Palestine" and part of a name ("جبهة النصرة"):
    # an act of insurrection only when armed men are named in the sentence.
    ("insurrection", 0.9, "armed", r"(?<!جبهة\s)" + AR_NOUN_L + r"نصرة" + AR_SUFFIX_R + r"|" + AR_VERB_L + r"انصروا" + AR_R),
    ("recruitment", 0.9, False, AR_VERB_L + r"انضموا" + AR_R + r"|" + AR_DEFINITE_L + r"(?:التحاق ب|نفير)"),
    # Urdu / Hindi.
    ("incitement", 1.0, False, r"جہاد کر|لڑو|مارو|قتل کر|حملہ کر|मारो|मार डालो|हमला करो"),
    ("insurrection", 0.9, False, r"حکمرانوں کو ہٹا|حکومت گرا|خلافت قائم|خلافت کے قیام"),
    ("insurrection", 0.9, "armed", AR_L + r"(?:نصرۃ|نصرت)" + AR_R),  # also a given name (Nusrat)
)

#: A human target right after an act that needs one: pronouns, quantified groups, or nouns for
#: people. Matched within a few words after the act verb.
TARGETS = (
    r"(?:them|him|her|you|us)\b|(?:(?:every|each|any|all) (?:single )?one of\s+)?"
    r"(?:(?:the|those|these|all|every|any|each|that|this|a|an|some|their|"
    r"your|our|his|next|kinds? of|sorts? of|such|more|many|[\w']+)\s+){0,3}"
    r"(?:wom[ae]n|m[ae]n|persons?|people|child(?:ren)?|kids?|guys?|girls?|boys?|folks?|muslims?|jews?|"
    r"christians?|hindus?|sikhs?|immigrants?|migrants?|refugees?|gays?|lesbians?|blacks?|whites?|"
    r"foreigners?|civilians?|soldiers?|troops|police|cops?|officers?|rulers?|tyrants?|traitors?|"
    r"infidels?|kuffar|kafirs?|disbelievers?|apostates?|occupiers?|invaders?|crusaders?|enem(?:y|ies)|"
    r"regimes?|governments?|army|armies|forces|[a-z]{3,}ists?|[a-z]{3,}ians?|members?|workers?|"
    r"judges?|leaders?|bastards?|scum|vermin|rats|dogs|pigs|animals|mps?|ministers?|presidents?|"
    r"kings?|generals?|americans?|british|israelis?|palestinians?|indians?|pakistanis?|"
    r"kashmiris?|arabs?|africans?|asians?|europeans?)\b"
)
#: Subjects that make a passive violent verb ("should be executed") about people.
HUMAN_SUBJECT = r"\b(?:he|she|they|you|them)\b|" + TARGETS.split("\\b|", 1)[1]
#: A wished fate ("die", "burn") needs its subject right before it: people, then at most three
#: words ("they would all just die").
ACT_SUBJECT = rf"(?:{HUMAN_SUBJECT})(?:\s+[\w']+){{0,3}}\s*$"
#: Objects that make a violent verb figurative ("kill time", "execute the plan", "fight poverty").
FIGURATIVE_OBJECTS = (
    r"(?:the |this |that |a |an |our |their )?(?:bill|time|lights?|engine|plan|order|code|strategy|"
    r"program|programme|deal|balance|chord|poverty|corruption|disease|cancer|problem|issue|fire|"
    r"crime|inflation|climate|covid|virus|terrorism|extremism|hunger|ball|goal|record|photo|film|"
    r"video|scene|test|exam|mood|vibe|case|cases|trial|charges?|victims?|allegations?|suspects?|"
    r"convictions?|accusations?|inquiry|investigation)\b"
)

# ---------------------------------------------------------------------------------------------
# ADDRESSEES: who is called upon. (kind, weight, pattern). "armed" is the strongest: soliciting
# the armed forces is what makes a call an insurrection or a call to war.
ADDRESSEES: tuple[tuple[str, float, str], ...] = (
    ("armed", 1.0, (r"(?:armed forces|army|armies|military|soldiers?|troops|officers?|generals?|commanders?|"
                   r"forces|mujahid\w*|fighters|warriors|battalions?|brigades?|regiments?|cadets)")),
    ("community", 0.9, (r"(?:muslims|believers|ummah|brothers|brethren|sisters|youth|young (?:men|people)|"
                       r"people|nation|comrades|patriots|citizens|masses|followers|everyone|everybody|"
                       r"all of you|lions|sons|men of)")),
    ("pronoun", 0.85, r"(?:you|we|us|someone|somebody|anyone|one)"),
    # Arabic.
    ("armed", 1.0, AR_NOUN_L + r"(?:جيش|جيوش|جنود|ضباط|قوات|مجاهدين|مجاهدون|عسكر)" + AR_SUFFIX_R),
    ("community", 0.9, AR_NOUN_L + r"(?:مسلمين|مسلمون|مؤمنين|مؤمنون|امة|اخوة|شباب)" + AR_SUFFIX_R
     + r"|" + AR_L + r"(?:الذين امنوا|اخواني|اخوتي)" + AR_R),
    # Urdu / Hindi.
    ("armed", 1.0, r"فوج|افواج|فوجی|فوجیو|افسران|جرنیل|سپاہی|सेना|सैनिक"),
    ("community", 0.9, r"مسلمانو|مسلمانوں|نوجوانو|بھائیو|امت|हिंदुओ|भाइयो"),
)

#: Vocatives open a clause and name the addressee: "O officers,", "Ya ayyuha ...", "اے ...".
VOCATIVE = r"(?:^|[\"“‘'(\[])\s*(?:o|oh|ya|hey|يا|اے|ऐ|हे)\s+(?:you\s+)?(?P<who>[^,!.?;:،]{2,80}?)\s*(?:[,!،]|$)"
VOCATIVE_WEIGHT = 0.9  # a vocative naming nobody in ADDRESSEES ("O sincere ones")
#: How far back (in sentences) a vocative still names the addressee of an imperative.
VOCATIVE_REACH = 6
#: The addressee weight when none is named: implied second person of an imperative, a hortative's
#: "us", the unnamed agent of a passive deontic ("those people should be executed").
IMPLICIT_ADDRESSEE = {"imperative": 0.85, "hortative": 0.9, "deontic": 0.75, "necessity": 0.7,
                      "optative": 0.8, "commissive": 0.85, "slogan": 0.85, "call": 0.6, "need": 0.7}

# ---------------------------------------------------------------------------------------------
# GLORIFICATION: praise of attackers or attacks. (weight, pattern) for praise and for the praised.
PRAISE: tuple[tuple[float, str], ...] = (
    (1.0, (r"may (?:allah|god) (?:accept|have mercy on|reward|bless)|glory to|honou?r to|salute to|"
          r"we salute|hail (?:to )?|long live|praise (?:be )?(?:to|for)|congratulat\w+")),
    # An epithet of the attack itself ("the blessed operation", "this heroic raid"). Only before
    # an attack noun: "brave fighters" and "heroic firefighters" praise people, often in news.
    (0.8, (r"(?:heroic|blessed|glorious|brave|noble|courageous)(?= (?:martyrdom |istishhadi |inghimasi )?"
           r"(?:operations?|attacks?|raids?|strikes?|bombings?|assaults?|invasion|ghazwa)\b)")),
    # The author's claim of an attack ("we claim responsibility for the operation").
    (0.8, r"(?:we|i) (?:hereby |proudly )?(?:claim|take|bear) (?:full )?responsibility"),
    (0.8, r"heroes|lions|proud of|rejoice|celebrate"),
    (1.0, r"تقبله الله|تقبلهم الله|رحمه الله|المباركة|البطولية|الابطال"),
    (0.8, r"نتبنى|نعلن مسؤوليتنا|نعلن مسئوليتنا"),
)
PRAISED: tuple[tuple[float, str], ...] = (
    (1.0, (r"(?:attack|attacks|operation|operations|raid|bombing|bombings|assault|invasion|strike|"
          r"massacre|martyrdom operation|istishhad|inghimasi)")),
    (0.9, (r"(?:martyrs?|shaheeds?|shuhada|attackers?|bombers?|assailants?|gunm[ae]n|mujahid\w*|"
          r"fighters|perpetrators?|brothers who)")),
    (1.0, r"العملية|العمليات|الغزوة|غزوة|الاستشهادي|الانغماسي|الشهداء|المجاهدين"),
)

# ---------------------------------------------------------------------------------------------
# BLOCKERS.
#: Reported speech and attribution: the call is someone else's, told by the writer.
REPORTING = (
    r"\b(?:said|says|say that|told|tells|according to|reportedly|reported|quoted|stated|added|noted|"
    r"claimed|alleged|allegedly|announced|wrote|tweeted|posted|chanted|shouted|vowed|pledged|warned|"
    r"called (?:up)?on|called for|urged|demanded|appealed|asked|threatened|hailed|praised|"
    r"accused|insisted|declared|ordered|instructed|in a statement|the statement|spokes(?:man|woman|person)|"
    r"reporters|correspondent)\b"
    r"|قال|قالت|وقال|اضاف|بحسب|وفقا ل|صرح|ذكر|اعلن|کہا|کے مطابق|بتایا|ने कहा|के अनुसार"
)
#: Mentioning a call to comment on it ("for saying ...", "threatening to ... will get you jailed").
MENTION = (
    r"\b(?:saying|calling for|wishing|threatening|threatening to|writing|write|writes|written|tweeting|"
    r"posting|posts like|things like|stuff like|statements like|comments? like|messages like|call for the|"
    r"calls for|words like)\b"
)
#: Condemnation and counter-speech, anywhere in the sentence.
CONDEMNATION = (
    r"\b(?:condemn|condemns|condemned|condemning|denounce|denounces|denounced|deplore|deplores|"
    r"deplored|abhor|abhorrent|reject(?:s|ed)? (?:the )?calls?|reject(?:s|ed)? (?:all )?(?:violence|"
    r"terrorism|extremism)|no place for|no justification|never justified|unacceptable|bigot\w*|"
    r"hateful|disgusting thing|not okay|is not ok|report it|get you (?:banned|blocked|thrown)|"
    r"banned|in jail|to jail|in prison|to prison|to court|consequences for|hate speech|"
    r"dehumanising|dehumanizing|horrible thing|shows how|small-minded|misguided)\b"
    r"|ندين|يدين|ادان|نرفض|استنكر|مذمت|مذمّت|निंदा"
)
#: Negators between the directive and the act, or just before the directive.
#: The act belongs to a relative clause about other people, not to the directive ("we must
#: protect them from those who want to hurt them"): matched on the text between directive and act.
RELATIVE_AGENT = (
    r"\b(?:who|whom|which|that)(?:\s+[\w']+){0,3}?\s+(?:wants?|wanted|tries|try|tried|trying|plans?|"
    r"planned|planning|seeks?|seeking|sought|intends?|intended|threatens?|threatened|threatening|"
    r"dares?|dared|would|will)(?:\s+to)?\s+$"
)
NEGATION = (
    r"\b(?:not|never|no one|nobody|no|n't|cannot|neither|nor|stop|stopping|end the|cease|halt|prevent|"
    r"avoid|refrain from|instead of|rather than|without|against calls)\b|n't\b"
    r"|\bلا\b|\bلن\b|\bلم\b|\bليس\b|\bنہیں\b|\bنہ\b|\bمت\b|\bनहीं\b|\bमत\b"
)
#: Scripture citations; a quoted sentence next to one is a quotation of scripture.
CITATION = (
    r"\b(?:tmq|quran|qur'an|koran|surah?|sura|ayah|hadith|bukhari|muslim \d|sahih)\b|\[[a-z' -]+ ?\d+:\d+\]|"
    r"\(\s*\d+\s*:\s*\d+\s*\)|\b\d{1,3}:\d{1,3}\]|﴿|﴾"
)

# =============================================================================================
# MULTILINGUAL THREATS (ar, nl, fr, de, hi, it, zh, pl, pt, es, ur incl. Roman Urdu, bn, id).
#
# Written from the grammar of each language, not from any evaluation set. The same three slots:
# a DIRECTIVE (first-person future or intent, obligation, hortative, imperative), a violent ACT
# and - for every act below - a HUMAN TARGET (``ML_TARGETS``) in the same clause, before or after
# the act (verb-final German, SOV Hindi/Urdu/Bengali, object clitics such as "tuez-les",
# "matarlos", "uccideteli", Arabic "قتلهم"). These acts carry ``needs_target="human"``; calls
# built on them are also checked against the multilingual blockers (``ML_REPORTING``,
# ``ML_CONDEMNATION``, ``ML_NEGATION``, ``ML_NEGATION_AFTER``).
#
# Script boundaries: Latin entries get word boundaries from the model; Chinese entries are
# matched without any (no spaces); Devanagari, Bengali and Arabic-script entries that could occur
# inside longer words carry explicit look-arounds over their script's letters (``IN_L``/``BN_L``/
# ``AR_L`` ...), because their vowel signs are not ``\w`` and break ``\b``. The view folds the
# nukta and chandrabindu (see ``cta._INDIC_FOLD``), so entries are written without them.

#: Left/right boundaries per script (letters and signs of the script count as word characters).
IN_L = r"(?<![\u0900-\u097f])"
IN_R = r"(?![\u0900-\u097f])"
BN_L = r"(?<![\u0980-\u09ff])"
BN_R = r"(?![\u0980-\u09ff])"

#: Violent acts, per language: (weight, pattern). All need a human target (``ML_TARGETS``).
ML_ACTS: dict[str, tuple[tuple[float, str], ...]] = {
    "fr": (
        (1.0, (r"tu(?:er|ez|ons|e-les|e-le|e-la|é|és|ée|ées|erai|erons|era|eront|eraient|ent)|"
               r"extermin\w*|égorg\w*|massacr\w*|assassin\w*|décapit\w*|lynch\w*|zigouill\w*|"
               r"étrangl\w*|poignard\w*|gaz(?:er|ez|ons|és|ées|erai|erons)(?:-les)?|"
               r"but(?:er|ez|ons|erai|erons|és)(?:-les)?|crever|anéanti\w*")),
        (0.9, (r"abatt\w*|abattus|pend(?:re|ez|ons|rai|rons|us|ues|ez-les|s-les)|brûl\w*|"
               r"élimin\w*|fusill\w*|exécut(?:er|ez|ons|erai|erons|és|ées)|liquid(?:er|ez|ons|és)|"
               r"noy(?:er|ez|ons|és)|flingu\w*|tir(?:er|ons|erai|erons) sur|faire sauter|"
               r"fais(?:ons)? sauter|raser|écras(?:er|ez|ons|erai|erons)")),
    ),
    "de": (
        (1.0, (r"töt\w*|getötet\w*|ermord\w*|umbring\w*|umgebracht|umzubringen|bring\w* (?:\w+ ){1,3}um|"
               r"abschlacht\w*|abgeschlachtet|(?:ab)?schlachten|schlachtet|ausrott\w*|ausgerottet|"
               r"auslösch\w*|ausgelöscht|vergas\w*|erstech\w*|erstochen|köpfen|geköpft|lynch\w*|"
               r"gelyncht|kaltmach\w*|kaltgemacht|erschlag\w*|massakrier\w*")),
        (0.9, (r"erschie\w+|erschoss\w*|abknall\w*|abgeknallt|erhäng\w*|aufhäng\w*|aufgehängt|"
               r"aufknüpf\w*|aufgeknüpft|(?:ge)?hängt|hängen|verbrenn\w*|verbrannt\w*|vernicht\w*|"
               r"hinricht\w*|hingerichtet|eliminier\w*|vertilg\w*|in die luft (?:jagen|sprengen)|"
               r"ertränk\w*|erwürg\w*|plattmach\w*")),
    ),
    "es": (
        (1.0, (r"mat(?:ar|arlos|arlas|arles|aré|aremos|arán|aría|en|enlos|enlas|emos|adlos|adlas|ad|"
               r"ado|ados|adas|alos|alas)|m[aá]t(?:alos|alas|enlos|enlas|adlos)|extermin\w*|"
               r"degoll\w*|masacr\w*|asesin\w*|decapit\w*|linch\w*|aniquil\w*|acribill\w*|"
               r"gase(?:ar|arlos|emos|ados)")),
        (0.9, (r"fusil(?:ar|arlos|aré|aremos|en|enlos|ad|adlos|ados|adas|emos)|fusílenlos|"
               r"colg(?:ar|arlos|aré|aremos|ad|adlos|ados|adas)|cuélg\w+|cuelg(?:uen|uenlos)|ahorc\w*|"
               r"quem(?:ar|arlos|aré|aremos|ad|adlos|ados|adas|emos|en)|quémenlos|"
               r"elimin(?:ar|arlos|aré|aremos|ad|ados|adas|emos|en)|apuñal\w*|"
               r"ejecut(?:ar|arlos|aré|aremos|ados|adas|en)|liquid(?:ar|arlos|aré|aremos|ados)|"
               r"acab(?:ar|aré|aremos|emos|en|ad) con|dispar(?:ar|aré|aremos|en|emos)(?:les)? (?:a|contra)|"
               r"ametrall\w*|aplast(?:ar|arlos|aré|aremos|emos)")),
    ),
    "pt": (
        (1.0, (r"mat(?:ar|á-los|á-las|ar-los|ar-las|em|em-nos|emos|arei|aremos|arão|ados|adas|ado|"
               r"e-os|ai)|extermin\w*|degol\w*|massacr\w*|assassin\w*|decapit\w*|linch\w*|"
               r"aniquil\w*|chacin\w*|gase(?:ar|á-los)")),
        (0.9, (r"fuzil\w*|enforc\w*|queim(?:ar|á-los|em|emos|arei|aremos|ados|adas)|"
               r"elimin(?:ar|á-los|em|emos|arei|aremos|ados|adas)|esfaque\w*|"
               r"execut(?:ar|á-los|em|emos|arei|aremos|ados|adas)|acab(?:ar|em|emos|arei|aremos) com|"
               r"atir(?:ar|em|emos|arei|aremos) (?:em|neles|nelas|nos|nas)|metralh\w*|"
               r"esmag(?:ar|á-los|uem|aremos|arei)")),
    ),
    "it": (
        (1.0, (r"uccid\w*|uccis[oiae]|ammazz\w*|stermin\w*|sgozz\w*|massacr\w*|decapit\w*|"
               r"linci\w*|trucid\w*|annient\w*|far(?:li|le)? fuori|fate(?:li|le)? fuori|"
               r"facciamo(?:li|le)? fuori|gas(?:are|ateli|arli|iamoli)")),
        (0.9, (r"impicc\w*|bruci(?:are|arli|arle|ate|ateli|ati|ate|amoli|erò|eremo)|"
               r"spar(?:are|ate|iamo|erò|eremo|argli|ategli|iamogli|ategli)|fucil\w*|"
               r"elimin(?:are|arli|ateli|iamoli|erò|eremo|ati)|accoltell\w*|giustizi\w*|"
               r"schiacci(?:are|arli|ateli|amoli|erò|eremo)")),
    ),
    "nl": (
        (1.0, (r"doden|gedood|dood(?= ze| hen| die| al| allemaal)|vermoord\w*|afslacht\w*|afgeslacht|"
               r"uitroei\w*|uitgeroeid|vergas\w*|onthoofd\w*|lynch\w*|afmaken|afgemaakt|"
               r"maak (?:\w+ ){1,3}af|maken (?:\w+ ){1,3}af|uitmoord\w*|ombreng\w*|omgebracht")),
        (0.9, (r"doodschiet\w*|doodgeschoten|neerschiet\w*|neergeschoten|(?:schiet|schieten) (?:ze|hen|\w+) "
               r"(?:dood|neer)|ophang\w*|opgehangen|(?:hang|hangen) (?:ze|hen|\w+) op|verbrand\w*|"
               r"neersteken|neergestoken|steek (?:ze|hen) neer|executer\w*|geëxecuteerd|"
               r"elimineren|geëlimineerd|vernietig\w*|opblazen|kapotmaken")),
    ),
    "pl": (
        (1.0, (r"zabi\w*|zabij\w*|wybi\w*|wymord\w*|zamord\w*|mordow\w*|wyrżn\w*|zarżn\w*|"
               r"zadźg\w*|zatłu\w*|zagaz\w*|ekstermin\w*|wytęp\w*|zgładz\w*|wyrzyna\w*|wykończ\w*")),
        (0.9, (r"zastrzel\w*|rozstrzel\w*|wystrzela\w*|powies\w*|powiesz\w*|wiesza\w*|spal(?:ić|imy|ę|cie|eni|one|my)|"
               r"palić|udusi\w*|udusz\w*|wysadz\w*|wyeliminow\w*|zlikwid\w*|ściąć|ścięci|zniszcz\w*")),
    ),
    "zh": (
        (1.0, (r"杀|屠杀|干掉|弄死|砍死|捅死|毒死|斩首|处死|枪杀|射杀|灭绝|赶尽杀绝|灭了|灭掉|"
               r"消灭|歼灭|剿灭|宰了|做掉")),
        (0.9, (r"枪毙|毙了|吊死|绞死|烧死|烧了|炸死|炸了|处决|铲除|清除|清洗|打死|活埋")),
    ),
    "ar": (
        (1.0, (r"قتل|ذبح|ابيد|نبيد|يباد|ابادت|ابادة|تصفيت|تصفيه|نصفي|اعدام|اعدم|نعدم|يعدم|"
               r"قطع رؤوس|نقطع رؤوس|سحل|نسحل")),
        (0.9, (r"حرق|نحرق|احرق|يحرق|شنق|نشنق|اشنق|يشنق|طعن|نطعن|سحق|نسحق|اسحق|"
               r"رمي بالرصاص|اطلاق النار على|نطلق النار على|فجر|نفجر|تفجير|القضاء على|نقضي على|"
               r"اقضوا على|محو|نمحو|امحوا|رجم|نرجم|ارجموا")),
    ),
    "hi": (
        (1.0, (IN_L + r"(?:मार|मारे|मारू|मारें|मारेंगे|मारना|मारो|हत्या|कत्ल|क़त्ल|कतल|"
               r"काट डाल|काट दे|काट दो|काट दू|मिटा|सफाया|नरसंहार|ज़िंदा जला|जिंदा जला|गोली मार)")),
        (0.9, (IN_L + r"(?:जला|फांसी|फाँसी|लटका|ख़त्म|खत्म|नष्ट|उड़ा|उडा|कुचल|भून|गोली)")),
    ),
    "ur": (
        (1.0, (AR_L + r"(?:مار|قتل|ذبح|مٹا|صفایا|قتل عام|زندہ جلا|گولی مار)")),
        (0.9, (AR_L + r"(?:جلا|پھانسی|لٹکا|ختم|کچل|اڑا|بھون|گولی)")),
    ),
    "ur-latn": (
        (1.0, (r"maar|mar|maro|maaro|maarna|marna|maaren|maarenge|marenge|marunga|maarunga|maroonga|"
               r"qatl|qatal|katl|zibah|zabah|mita|mitaa|safaya|safaaya|zinda jala")),
        (0.9, (r"jala|jalao|jalaa|phansi|phaansi|phansi par|latka|latkaa|khatam|khatm|khattam|"
               r"kuchal|uda|udaa|goli|bhoon")),
    ),
    "bn": (
        (1.0, (BN_L + r"(?:মার|মেরে|খুন|হত্যা|জবাই|জবেহ|নির্মূল|নিশ্চিহ্ন|কুপিয়ে|কোপা|গণহত্যা)")),
        (0.9, (BN_L + r"(?:জ্বালিয়ে|জ্বালা|পুড়িয়ে|পোড়া|ফাঁসি|ফাসি|ঝুলিয়ে|গুলি|কেটে|খতম|শেষ করে|উড়িয়ে)")),
    ),
    "id": (
        (1.0, (r"bunuh\w*|dibunuh|membunuh|pembunuhan|bantai\w*|dibantai|membantai|pembantaian|"
               r"musnah\w*|dimusnahkan|memusnahkan|basmi\w*|dibasmi|membasmi|penggal\w*|dipenggal|"
               r"memenggal|sembelih|disembelih|menyembelih|tumpas\w*|ditumpas|menumpas|habisi\w*|"
               r"dihabisi|menghabisi|lenyapkan|dilenyapkan|melenyapkan|genosida")),
        (0.9, (r"tembak\w*|ditembak|menembak\w*|gantung\w*|digantung|menggantung|bakar\w*|dibakar|"
               r"membakar|tikam\w*|ditikam|menikam|eksekusi|dieksekusi|mengeksekusi|ledakkan|"
               r"meledakkan|bom|hancurkan|dihancurkan|menghancurkan|rajam|dirajam|merajam")),
    ),
}

#: Directives per language: (kind, weight, pattern). Kinds and weights as in DIRECTIVES.
ML_DIRECTIVES: tuple[tuple[str, float, str], ...] = (
    # French: aller / vouloir + infinitive, the simple future, devoir / il faut, 1pl imperatives.
    ("commissive", 0.7, r"(?:je|j'|nous|on)(?: ne| n')? (?:vais|allons|va|veux|voulons|compte|comptons)|"
                        r"(?:je|j'|nous) (?:suis|sommes) (?:prêts?|prête?s?) à"),
    ("commissive", 0.7, r"\w{2,}(?:erai|erons|rai|rons)(?=\s|$|[,.!])"),
    ("deontic", 0.85, r"(?:doivent|doit|devraient|devrait|devons|faut|faudrait|méritent de|mérite de|"
                      r"méritent d'être|mériteraient)"),
    ("hortative", 0.9, r"(?:tu|abatt|pend|brûl|extermin|égorg|élimin|massacr|fusill|gaz|but|écras|"
                       r"liquid|noy|exécut|pendr)ons(?:-les)?|allons-y|allez-y"),
    ("imperative", 0.9, r"(?:tuez|abattez|pendez|brûlez|exterminez|égorgez|éliminez|massacrez|fusillez|"
                        r"gazez|butez|poignardez|exécutez|liquidez|noyez|écrasez)(?:-les|-le|-la)?|"
                        r"(?:tue|abats|pends|brûle|égorge|massacre|bute|élimine|extermine)-(?:les|le|la)"),
    # German: werden / wollen + infinitive, present-for-future with a first-person subject,
    # müssen / sollen, "lasst uns", 2pl imperatives at the start of a clause.
    ("commissive", 0.7, r"(?:ich|wir) (?:werde|werden|will|wollen|möchte|möchten|gehe|gehen)"),
    ("commissive", 0.7, r"(?:ich|wir)(?= (?:\w+ ){0,4}?(?:töte|töten|erschieße|erschießen|bringe|bringen|"
                        r"hänge|hängen|schlachte|schlachten|vergase|vergasen|ermorde|ermorden|"
                        r"verbrenne|verbrennen|knalle|knallen)\b)"),
    ("deontic", 0.85, r"(?:müssen|muss|müsste|müssten|sollten|sollen|sollte|soll|gehören|gehört|"
                      r"verdienen es|verdient es|verdienen)"),
    ("hortative", 0.9, r"lasst uns|lass uns|lassen sie uns"),
    ("imperative", 0.9, r"(?:^|(?<=[,!:]\s))[\W_]*(?:tötet|töte|erschießt|erschieß|hängt|häng|verbrennt|"
                        r"vergast|schlachtet|ermordet|ersticht|knallt|bringt|vernichtet|rottet|löscht|"
                        r"erschlagt|macht)(?= )"),
    # Spanish: ir a + infinitive, the simple future, deber / hay que / tener que, 1pl subjunctive.
    ("commissive", 0.7, r"(?:yo |nosotros )?(?:voy|vamos) a|(?:yo |nosotros )?(?:quiero|queremos|"
                        r"pienso|pensamos) (?=\w+(?:ar|er|ir)(?:los|las|les)?\b)"),
    ("commissive", 0.7, r"\w{2,}(?:aré|eré|iré|aremos|eremos|iremos)"),
    ("deontic", 0.85, r"(?:deben|debe|deberían|debería|debemos|hay que|tienen que|tenemos que|habría que|"
                      r"merecen|merece|merecerían)"),
    ("hortative", 0.9, r"(?:matemos|fusilemos|colguemos|quememos|exterminemos|eliminemos|acabemos|"
                       r"ahorquemos|aniquilemos|masacremos)(?:los|las)?"),
    ("imperative", 0.9, r"(?:matad|fusilad|colgad|quemad|exterminad|eliminad|ahorcad|aniquilad|"
                        r"masacrad|liquidad)(?:los|las)?|m[aá]t(?:alos|alas|enlos|enlas)|"
                        r"(?:fusíl|cuélg|quém|extermín|elimín|ahórc)(?:alos|enlos|enlas)|"
                        r"(?:maten|fusilen|cuelguen|quemen|exterminen|eliminen|ahorquen) a"),
    # Portuguese.
    ("commissive", 0.7, r"(?:eu |nós )?(?:vou|quero|queremos)|vamos(?= \w+(?:ar|er|ir)\b)"),
    ("commissive", 0.7, r"\w{2,}(?:arei|erei|irei|aremos|eremos|iremos)"),
    ("deontic", 0.85, r"(?:devem|deve|deveriam|deveria|devemos|têm que|tem que|temos que|têm de|tem de|"
                      r"precisam ser|merecem|merece|há que)"),
    ("hortative", 0.9, r"(?:matemos|fuzilemos|enforquemos|queimemos|exterminemos|eliminemos)|vamos (?=\w+ar\b)"),
    ("imperative", 0.9, r"(?:matem|mate-os|mate-as|fuzilem|enforquem|queimem|exterminem|eliminem|"
                        r"massacrem|degolem)(?:-nos|-nas)?"),
    # Italian: the future, dovere / bisogna / andare + participle, 1pl and 2pl imperatives.
    ("commissive", 0.7, r"\w{2,}(?:erò|irò|eremo|iremo)(?:li|le)?|(?:io |noi )?(?:voglio|vogliamo) "
                        r"(?=\w+(?:are|ere|ire)(?:li|le)?\b)|(?:sto|stiamo) per"),
    ("deontic", 0.85, r"(?:devono|deve|dovrebbero|dovrebbe|dobbiamo|bisogna|bisognerebbe|vanno|andrebbero|"
                      r"meritano|merita|meriterebbero|va(?= \w+(?:at[oaie]|ut[oaie])\b))"),
    ("hortative", 0.9, r"(?:uccidiamo|ammazziamo|impicchiamo|bruciamo|sterminiamo|spariamo|eliminiamo|"
                       r"massacriamo|fuciliamo)(?:li|le|gli)?"),
    ("imperative", 0.9, r"(?:uccidete|ammazzate|impiccate|bruciate|sterminate|sparate|massacrate|"
                        r"fucilate|sgozzate)(?:li|le|gli)?|(?:elimina|uccidi|ammazza|impicca|brucia|"
                        r"stermina)(?:teli|tele|li|le)"),
    # Dutch.
    ("commissive", 0.7, r"(?:ik|wij|we) (?:ga|gaan|zal|zullen|wil|willen)|"
                        r"(?:ik|wij|we)(?= (?:\w+ ){0,4}?(?:vermoord|dood|schiet|knal|hang|maak|"
                        r"vermoorden|schieten|maken)\b)"),
    ("deontic", 0.85, r"(?:moeten|moet|zouden|zou|verdienen het|verdienen|horen)"),
    ("hortative", 0.9, r"laten we|laat ons|laten wij"),
    ("imperative", 0.9, r"(?:^|(?<=[,!:]\s))[\W_]*(?:dood|vermoord|schiet|hang|verbrand|vergas|knal|maak|"
                        r"slacht|steek)(?= (?:ze|hen|die|al|allemaal)\b)"),
    # Polish: the synthetic (perfective) future of the acts, zamierzać / chcieć / będę,
    # powinni / należy / trzeba / muszą, 1pl and 2pl imperatives.
    ("commissive", 0.7, r"(?:zamierzam|zamierzamy|chcę|chcemy|będę|będziemy|mam zamiar|mamy zamiar|"
                        r"idę|idziemy)"),
    ("commissive", 0.7, (r"(?:zabij|wybij|wymorduj|zamorduj|wyrżn|zarżn|zadźg|zatłucz|wytłucz|zastrzel|"
                         r"rozstrzel|powies|spal|udusz|zagaz|wysadz|wytęp|zgładz|wykończ|zlikwid|"
                         r"wyeliminuj)\w*?(?:ę|emy|imy|ymy)")),
    ("deontic", 0.85, r"(?:powinni|powinny|powinno|powinien|powinniśmy|należy|trzeba|muszą|musimy|"
                      r"zasługują)"),
    ("hortative", 0.9, r"(?:zabijmy|wybijmy|spalmy|powieśmy|wymordujmy|zastrzelmy|wyrżnijmy|zagazujmy|"
                       r"wytępmy)"),
    ("imperative", 0.9, r"(?:zabijcie|zabij|wybijcie|spalcie|powieście|zastrzelcie|wymordujcie|"
                        r"wyrżnijcie|wieszajcie|mordujcie|zagazujcie|wytępcie|zabijać|wieszać)"),
    # Chinese: 要/会/将 with a first-person subject, 应该/必须, 让我们, a clause-initial verb or 把.
    ("commissive", 0.7, r"我(?:们)?(?:一定|肯定|迟早|马上|今天|明天)?(?:要|会|将|准备|打算|想|得)"),
    ("deontic", 0.85, r"应该|应当|必须|都该|就该|活该|该被|需要被|得被|理应"),
    ("hortative", 0.9, r"让我们|我们一起|咱们|大家一起"),
    ("imperative", 0.9, r"^[\W_]*(?:把|将|去|快)?(?:他们|她们|这些人|那些人)?(?:都|全)?"
                        r"(?:杀|干掉|弄死|枪毙|吊死|烧死|消灭|灭了|砍死|炸死|铲除)"),
    # Arabic: the future prefix sa- / sawfa on the act, 1pl hortative li-, imperatives with an
    # object suffix (the bare imperatives are in ARABIC_IMPERATIVES).
    ("commissive", 0.7, AR_L + r"(?:سوف ?|س|و?سن|و?سا)[اني]?(?:قتل|ذبح|حرق|شنق|طعن|فجر|بيد|سحق|"
                        r"قضي|صفي|عدم|ذبح|رجم|محو)"),
    ("commissive", 0.7, AR_L + r"(?:ساقوم|سنقوم|اريد|نريد|سوف اقوم|سوف نقوم)"),
    ("deontic", 0.85, AR_L + r"(?:يستحقون|يستحق|لازم|علينا|يجب ان|من الواجب)"),
    ("hortative", 0.9, AR_L + r"ف?لن(?:قتل|ذبح|حرق|شنق|سحق|بيد|طرد|قضي|صفي)|هيا"),
    ("imperative", 0.9, AR_L + r"ا(?:قتل|ذبح|حرق|شنق|طعن|سحق|ضرب|بيد|رجم)(?:وا|وهم|هم|وهن|ها)"),
    # Hindi: a first-person subject with a future (-ूंगा/-ेंगे) or "want to" in the clause,
    # चाहिए (in DIRECTIVES), आओ/चलो hortatives, imperatives in -ो / दो / डालो.
    ("commissive", 0.7, IN_L + r"(?:मैं|हम)" + IN_R + r"(?=[^।?!]{0,80}?(?:ूंगा|ूंगी|ेंगे|ेंगी|ूगा|ेगें|"
                        r"ना चाहता|ना चाहते|ना चाहती))"),
    ("deontic", 0.85, IN_L + r"(?:चाहिए|चाहिये|लायक हैं|लायक है)"),
    ("hortative", 0.9, IN_L + r"(?:आओ|चलो|आइए|आइये)" + IN_R),
    ("imperative", 0.9, IN_L + r"(?:मारो|मार डालो|मार दो|जला दो|जलाओ|काट डालो|काट दो|फांसी दो|फांसी पर लटका दो|"
                        r"लटका दो|गोली मारो|ख़त्म करो|खत्म कर दो|खत्म करो|मिटा दो|कत्ल करो|उड़ा दो|उडा दो|कुचल दो)" + IN_R),
    # Urdu (Arabic script).
    ("commissive", 0.7, AR_L + r"(?:میں|ہم)" + AR_R + r"(?=[^۔?؟!]{0,80}?(?:وں گا|ونگا|وں گی|یں گے|ینگے|"
                        r"نا چاہتا|نا چاہتے))"),
    ("hortative", 0.9, AR_L + r"(?:آؤ|چلو|آئیں)" + AR_R),
    ("imperative", 0.9, AR_L + r"(?:مار ڈالو|مار دو|جلا دو|کاٹ دو|کاٹ ڈالو|پھانسی دو|پھانسی پر لٹکا دو|لٹکا دو|"
                        r"گولی مارو|ختم کر دو|ختم کرو|مٹا دو|قتل کرو|قتل کر دو|اڑا دو|کچل دو)" + AR_R),
    # Roman Urdu / Hindi (Latin script).
    ("commissive", 0.7, r"(?:main|mein|mai|me|hum|ham)(?=(?: \S+){0,7}? \S*(?:dunga|doonga|dungi|denge|"
                        r"dengay|dain ge|den ge|karunga|karoonga|karenge|karengay|marunga|maarunga|"
                        r"marenge|maarenge|unga|oonga|enge|engay|ein ge|en ge)\b)"),
    ("deontic", 0.85, r"(?:chahiye|chahiey|chahiay|chaheye|chahie|chaiye|laiq hain|layak hain)"),
    ("hortative", 0.9, r"(?:aao|aaoo|chalo|aaiye|ayen) (?=\S+ )"),
    ("imperative", 0.9, r"(?:maar|mar) (?:do|dalo|daalo)|maro|maaro|jala do|jalao|kaat do|kaat dalo|"
                        r"phansi (?:do|par latka do|de do)|latka do|goli maro|khatam kar do|khatm kar do|"
                        r"khatam karo|mita do|qatl karo|qatl kar do|uda do|kuchal do"),
    # Bengali: a first-person subject with a future in -ব/-বো in the clause, উচিত, চলো hortatives,
    # imperatives in -ো / দাও / ফেলো.
    ("commissive", 0.7, BN_L + r"(?:আমি|আমরা)" + BN_R + r"(?=[^।?!]{0,80}?(?:ব|বো|বই|বোই)" + BN_R + r")"),
    ("deontic", 0.85, BN_L + r"(?:উচিত|উচিৎ|দরকার|প্রাপ্য)"),
    ("hortative", 0.9, BN_L + r"(?:চলো|চল|এসো|আসুন|চলুন)" + BN_R),
    ("imperative", 0.9, BN_L + r"(?:মারো|মেরে ফেলো|মেরে ফেল|জ্বালিয়ে দাও|পুড়িয়ে দাও|কেটে ফেলো|ফাঁসি দাও|"
                        r"ঝুলিয়ে দাও|গুলি করো|শেষ করে দাও|খতম করো|হত্যা করো|খুন করো|জবাই করো|উড়িয়ে দাও)"),
    # Indonesian.
    ("commissive", 0.7, r"(?:aku|saya|kami|kita|gue|gua|gw|ku) (?:akan|mau|ingin|bakal|pasti|siap|hendak)"),
    ("deontic", 0.85, r"(?:harus|seharusnya|sebaiknya|mesti|wajib|perlu|pantas|layak)"),
    ("hortative", 0.9, r"(?:mari(?:lah)?|ayo|ayuk|yuk)(?: kita)?"),
    ("imperative", 0.9, r"(?:^|(?<=[,!:]\s))[\W_]*(?:bunuh|bunuhlah|tembak|gantung|bakar|bantai|habisi|"
                        r"musnahkan|basmi|tikam|penggal|sembelih|tumpas|lenyapkan|hancurkan)(?= )"),
)

#: Human targets of the multilingual acts, searched in the act's clause, before or after it.
ML_TARGETS = (
    # French: groups, "ces gens", "tous", clitics before an infinitive or future, "-les".
    r"(?<![\w-])(?:ces gens|ces types|ces individus|tous|toutes|eux|elles|"
    r"musulman\w*|juifs?|juives|chrétiens?|arabes|noirs|noires|immigrés|immigrants|migrants|réfugiés|"
    r"étrangers|roms|tsiganes|gitans|homosexuels|homos|gays|pédés|lesbiennes|trans|femmes|handicapés|"
    r"\w+(?:iens|iennes)|les(?= \w+(?:er|re|ir|rai|rons)\b))(?![\w-])|-les\b"
    # German.
    r"|(?<![\w-])(?:sie|die alle|alle|diese leute|diese menschen|dieses pack|euch|ihnen|"
    r"muslime|moslems|juden|christen|araber|schwarzen|ausländer|einwanderer|migranten|flüchtlinge|"
    r"asylanten|zigeuner|homosexuellen|schwule|schwulen|lesben|transen|frauen|behinderten|türken|"
    r"\w+ianer|\w+aner)(?![\w-])"
    # Spanish and Portuguese.
    r"|(?<![\w-])(?:todos|todas|esa gente|esta gente|essa gente|estos|esos|esas|estas|estes|esses|"
    r"ellos|ellas|eles|elas|los|las|les|os|musulman\w*|muçulman\w*|judíos|judeus|cristianos|cristãos|"
    r"árabes|negros|negras|inmigrantes|imigrantes|migrantes|refugiados|extranjeros|estrangeiros|"
    r"gitanos|ciganos|homosexuales|homossexuais|maricones|viados|lesbianas|lésbicas|mujeres|mulheres|"
    r"discapacitados|deficientes|\w+ianos|\w+ianas)(?![\w-])"
    r"|(?<=[aeiráéí])(?:los|las|les)\b|-(?:los|las|os|as|nos|nas)\b"
    # Italian.
    r"|(?<![\w-])(?:tutti|tutte|questa gente|quella gente|questi|quelli|loro|li|le|musulmani|ebrei|"
    r"cristiani|arabi|neri|negri|immigrati|migranti|profughi|stranieri|zingari|omosessuali|froci|"
    r"lesbiche|donne|disabili|\w+iani)(?![\w-])|(?<=[aeio])(?:li|le|gli)\b"
    # Dutch.
    r"|(?<![\w-])(?:ze|zij|hen|allemaal|die mensen|deze mensen|dat volk|dat tuig|moslims|"
    r"joden|christenen|arabieren|zwarten|negers|immigranten|migranten|vluchtelingen|buitenlanders|"
    r"zigeuners|homo's|homoseksuelen|lesbiennes|vrouwen|gehandicapten|marokkanen|turken|\w+ianen)(?![\w-])"
    # Polish.
    r"|(?<![\w-])(?:ich|wszystkich|wszyscy|tych ludzi|ci ludzie|nich|muzułman\w*|żyd\w*|"
    r"chrześcijan\w*|arab\w*|czarnuch\w*|murzyn\w*|imigran\w*|migran\w*|uchodźc\w*|cudzoziem\w*|"
    r"cygan\w*|romów|gej\w*|pedał\w*|lesbij\w*|kobiet\w*|niepełnospraw\w*|\w+ian|\w+ianie|\w+ianami|\w+ianom)(?![\w-])"
    # Indonesian and Roman Urdu.
    r"|(?<![\w-])(?:mereka|semua|semuanya|orang-orang (?:ini|itu)|orang (?:ini|itu)|kalian|"
    r"orang \w+|kaum \w+|umat \w+|yahudi|kristen|kafir|cina|china|tionghoa|imigran|pengungsi|"
    r"pendatang|waria|banci|bencong|perempuan|wanita|ahmadiyah|syiah|"
    r"unhe|unhein|unhen|inhe|inhein|unko|inko|un sab|in sab|sab ko|sabko|sab|in logon|un logon|"
    r"ye log|yeh log|woh log|wo log|musalman\w*|muslim\w*|yahoodi\w*|yahudi\w*|isai\w*|esai\w*|"
    r"hindu\w*|sikh\w*|ahmadi\w*|qadiani\w*|kafir\w*|kaafir\w*|aurton|aurtein|hijre|hijray)(?![\w-])"
    # Chinese.
    r"|他们|她们|这些人|那些人|这帮|那帮|这群|那群|这种人|所有|全部|统统|一个不留|都|全|穆斯林|回教徒|"
    r"犹太人|基督徒|黑人|移民|难民|外国人|同性恋|基佬|女人|残疾人|阿拉伯人|少数民族"
    # Arabic script (Arabic and Urdu): the object suffix -hum, pronouns and groups.
    r"|(?<=[\u0600-\u06ff])(?:هم|هن|وهم)" + AR_R + r"|" + AR_L + r"(?:كلهم|جميعهم|هؤلاء|اولئك|الجميع|"
    r"المسلمين|اليهود|المسيحيين|النصارى|الكفار|الشيعه|الروافض|السود|المهاجرين|اللاجئين|الاجانب|"
    r"المثليين|الشواذ|النساء|الغجر|انہیں|انھیں|ان کو|ان سب|سب کو|سب|یہ لوگ|ان لوگوں|مسلمان\S*|"
    r"یہودی\S*|عیسائی\S*|ہندو\S*|احمدی\S*|قادیانی\S*|کافر\S*|عورتوں|تمام|سارے|مہاجر\S*|پناہ گزین\S*)"
    # Devanagari (Hindi).
    r"|" + IN_L + r"(?:उन्हें|उनको|इन्हें|इनको|उन्हे|इन्हे|उन सब|इन सब|सब को|सबको|सभी|सब|ये लोग|इन लोगों|"
    r"उन लोगों|वे लोग|सारे|तमाम|मुसलमान\S*|मुस्लिम\S*|यहूदी\S*|ईसाई\S*|हिंदू\S*|सिख\S*|दलित\S*|प्रवासी\S*|"
    r"शरणार्थी\S*|विदेशी\S*|समलैंगिक\S*|हिजड़\S*|किन्नर\S*|औरत\S*|महिला\S*|विकलांग\S*|रोहिंग्या\S*)"
    # Bengali.
    r"|" + BN_L + r"(?:ওদের|তাদের|এদের|সবাইকে|সবাই|সবকটাকে|সব|এরা|ওরা|এই লোকগুলো\S*|এই লোকদের|"
    r"মুসলমান\S*|মুসলিম\S*|ইহুদি\S*|খ্রিস্টান\S*|হিন্দু\S*|শরণার্থী\S*|অভিবাসী\S*|বিদেশি\S*|"
    r"সমকামী\S*|হিজড়া\S*|নারী\S*|মহিলা\S*|প্রতিবন্ধী\S*|রোহিঙ্গা\S*)"
)

#: Reported speech, multilingual (applied to calls on multilingual acts and to multilingual
#: dehumanising statements, in addition to REPORTING).
ML_REPORTING = (
    r"(?<![\w'])(?:a dit|ont dit|a déclaré|ont déclaré|a affirmé|a annoncé|selon|d'après|a écrit|"
    r"a menacé|sagte|sagten|hat gesagt|erklärte|erklärten|behauptete|laut|zufolge|schrieb|drohte|"
    r"dijo|dijeron|declaró|afirmó|según|escribió|amenazó|disse|disseram|declarou|afirmou|segundo|"
    r"escreveu|ameaçou|ha detto|hanno detto|ha dichiarato|ha affermato|secondo|ha scritto|"
    r"ha minacciato|disse|zei|zeiden|heeft gezegd|verklaarde|volgens|schreef|dreigde|"
    r"powiedział\w*|stwierdził\w*|oświadczył\w*|według|napisał\w*|groził\w*|"
    r"mengatakan|berkata|katanya|menurut|menyatakan|menulis|mengancam|ujar|ucap|"
    r"ne kaha|nay kaha|ke mutabiq|ke mutabik|kaha ke|kaha ki)(?!\w)"
    r"|(?<!我)说|(?<!我)称|表示|声称|据|报道|写道|宣称"
    r"|" + AR_L + r"(?:قال|قالت|قالوا|وقال|صرح|اعلن|بحسب|وفقا|ذكر|كتب|هدد|نے کہا|کے مطابق|نے بتایا)" + AR_R
    + r"|" + IN_L + r"(?:ने कहा|के अनुसार|ने बताया|ने लिखा|ने धमकी)"
    + r"|" + BN_L + r"(?:বলেছেন|বলেছে|বলেন|অনুসারে|জানিয়েছেন|লিখেছেন|হুমকি দিয়েছেন)"
)
#: Condemnation and counter-speech, multilingual.
ML_CONDEMNATION = (
    r"(?<![\w'])(?:condamn\w*|dénonc\w*|inacceptable|inadmissible|raciste|racisme|haineux|haine|"
    r"honteux|dégoûtant|odieux|ignoble|verurteil\w*|inakzeptabel|rassistisch|rassismus|widerlich|"
    r"ekelhaft|abscheulich|hetze|hassrede|volksverhetzung|condena\w*|condenó|inaceptable|racista|"
    r"racismo|asqueroso|repugnante|odioso|vergonzoso|discurso de odio|condann\w*|inaccettabile|"
    r"razzista|razzismo|disgustoso|vergognoso|odio|inaceitável|nojento|vergonhoso|discurso de ódio|"
    r"veroordeel\w*|veroordeeld|onacceptabel|racistisch|walgelijk|verwerpelijk|schandalig|haatzaaiend|"
    r"potępi\w*|potępia\w*|niedopuszczaln\w*|rasistowsk\w*|obrzydliw\w*|haniebn\w*|mowa nienawiści|"
    r"mowy nienawiści|mengutuk|kecam\w*|mengecam|rasis|menjijikkan|memalukan|ujaran kebencian|"
    r"tidak dapat diterima|keji|sharamnak|sharmnak|ghalat|galat|nafrat angez|nafrat phelana)(?!\w)"
    r"|谴责|种族主义|歧视|恶心|可耻|仇恨言论|不可接受|令人作呕|反对|不能说|不应该说|不要说"
    r"|" + AR_L + r"(?:ندين|يدين|ادان|نرفض|استنكر|عنصري\S*|مقزز|مقرف|خطاب الكراهيه|غير مقبول|مشين|"
    r"مذمت|نسل پرست\S*|شرمناک|گھناؤنا|نفرت انگیز|غلط ہے)"
    + r"|" + IN_L + r"(?:निंदा|नस्लवादी|घृणित|घिनौना|शर्मनाक|नफरत फैला|अस्वीकार्य|गलत है|ग़लत है)"
    + r"|" + BN_L + r"(?:নিন্দা|বর্ণবাদী|জঘন্য|লজ্জাজনক|ঘৃণ্য|অগ্রহণযোগ্য|ভুল)"
)
#: Negators, multilingual: before the directive or between it and the act.
ML_NEGATION = (
    r"(?<![\w'])(?:ne|n'|pas|jamais|personne|nicht|nie|niemals|kein\w*|niemand|no|nunca|jamás|nadie|"
    r"non|mai|nessuno|não|ninguém|niet|nooit|geen|niemand|nigdy|nikt|bukan|tidak|tak|jangan|"
    r"takkan|nahi|nahin|nahi|mat|na|kabhi nahi|kabhi nahin|never)(?!\w)"
    r"|不|没|别|勿|绝不|决不|从不"
    r"|" + AR_L + r"(?:لا|لن|لم|ليس|ليسوا|نہیں|مت|نہ|کبھی نہیں)" + AR_R
    + r"|" + IN_L + r"(?:नहीं|नही|मत|न|कभी नहीं)" + IN_R
    + r"|" + BN_L + r"(?:না|নয়|নয়|কখনো না|কখনও না)" + BN_R
)
#: Negators right after the act (post-verbal negation: Bengali "মারব না", German "töte sie nicht"),
#: matched from the end of the act.
ML_NEGATION_AFTER = (
    r"[^,.;!?।]{0,12}?(?:(?<![\w'])(?:nicht|niet|nie|pas|jamais)(?!\w)|" + BN_L + r"(?:না|নয়|নয়)" + BN_R
    + r"|" + IN_L + r"(?:नहीं|नही)" + IN_R + r"|" + AR_L + r"(?:نہیں)" + AR_R + r"|(?<!\w)(?:nahi|nahin)(?!\w))"
)

# =============================================================================================
# MULTILINGUAL CALLS ON THE ARMED FORCES (fr, de, id, bn, hi, Roman Urdu; Arabic and Urdu are in
# ACTS / ADDRESSEES above).
#
# Written from each language's grammar and the policy's own wording of insurrection (DESIGN.md:
# "a call on the armed forces to overthrow the government and seize power"; the "Nussrah" that an
# organisation asks of officers, the caliphate it asks them to establish), not from any dataset.
# The same three slots as in English: a DIRECTIVE (a present-tense request: "appelle", "ruft ...
# auf", "menyerukan", "আহ্বান জানাচ্ছে", "आह्वान करता है"; or an obligation or imperative of
# ML_DIRECTIVES), a regime-change ACT (no human target needed: the act is the state's overthrow)
# and, for a call rather than an opinion, an ADDRESSEE among the armed forces. Calls on these cues
# are checked against the multilingual blockers like the threats above (a report's "a déclaré",
# "sagte", "menurut" blocks them).

#: Present-tense requests, per language: (kind, weight, pattern). Past tenses ("a appelé",
#: "rief auf", "menyerukan" has no tense: Indonesian reports carry "kata"/"menurut" instead) are
#: reporting, left to ML_REPORTING.
ML_CALLS: tuple[tuple[str, float, str], ...] = (
    ("call", 1.0, r"(?:nous )?(?:appelons|exhortons|invitons|implorons|adjurons|sommons)"
                  r"(?= (?:les |tous |toutes |l'|aux |à |vous ))"),
    ("call", 0.9, r"(?:appelle|appellent|exhorte|exhortent|invite|invitent|implore|implorent|adjure|adjurent|"
                  r"somme|somment)(?= (?:les |tous |toutes |l'|aux |à |vous ))"),
    ("call", 0.9, r"(?:demande|demandent|demandons|réclame|réclament|réclamons) (?:aux|à|que)"),
    ("imperative", 0.9, r"(?:renversez|levez-vous|soulevez-vous|donnez|accordez|destituez|chassez|prenez)"),
    ("call", 1.0, r"(?:wir|ich) (?:rufen|rufe|fordern|fordere|appellieren|appelliere|ermahnen|beschwören)(?= )"),
    ("call", 0.9, r"(?:ruft|rufen|fordert|fordern|appelliert|appellieren|ermahnt|ermahnen|beschwört|beschwören)(?= )"),
    ("imperative", 0.9, r"(?:^|(?<=[,!:]\s))[\W_]*(?:stürzt|gebt|gewährt|erhebt euch|ergreift|setzt)(?= )"),
    ("call", 1.0, r"(?:kami|kita) (?:menyerukan|menyeru|mengajak|mendesak|mengimbau|menghimbau|menuntut|memanggil)"),
    ("call", 0.9, r"(?:menyerukan|menyeru|mengajak|mendesak|mengimbau|menghimbau|menuntut|memanggil|"
                  r"seruan kepada|meminta kepada)"),
    ("imperative", 0.9, r"(?:^|(?<=[,!:]\s))[\W_]*(?:gulingkan|tumbangkan|berikan|tegakkan|rebutlah|"
                        r"bangkitlah)(?= )"),
    ("call", 0.9, BN_L + r"(?:আহ্বান জানা(?:চ্ছে|চ্ছি|চ্ছেন|চ্ছ|য়|ই|ন)|আহ্বান করছে|আহ্বান করছি|আহ্বান করে|"
                  r"দাবি জানা(?:চ্ছে|চ্ছি|চ্ছেন|য়|ই|ন))"),
    ("imperative", 0.9, BN_L + r"(?:উৎখাত করুন|উৎখাত করো|নুসরাহ দিন|নুসরা দিন|প্রতিষ্ঠা করুন|ক্ষমতা দখল করুন)"),
    ("call", 0.9, IN_L + r"(?:आह्वान (?:करता|करती|करते|करें|करेंगे)|अपील (?:करता|करती|करते)|"
                  r"मांग (?:करता|करती|करते)|माँग (?:करता|करती|करते))" + IN_R),
    ("imperative", 0.9, IN_L + r"(?:उखाड़ फेंको|उखाड फेंको|तख्तापलट करो|सत्ता छीन लो|नुसरा दो|नुसरत दो)" + IN_R),
    ("call", 0.9, r"(?:apeel|appeal|mutalba|mutaliba|matalba) (?:karti|karta|karte|kartay|karti hai|karte hain)"),
)

#: Regime-change acts, per language: (weight, pattern). None needs a human target.
ML_INSURRECTION: dict[str, tuple[tuple[float, str], ...]] = {
    "fr": (
        (0.9, (r"renvers(?:er|ez|ons|ent|era|eront)? (?:\w+ ){0,3}(?:régime|gouvernement|système|pouvoir|"
               r"dirigeants|gouvernants|tyrans|président|roi|junte)|coup d'état|prise du pouvoir|"
               r"prendre le pouvoir|s'emparer du pouvoir|soulèvement armé|insurrection armée")),
        (0.9, r"(?:donner|accorder|apporter|fournir) (?:\w+ ){0,2}(?:nus+r?ah?|nusrat)"),
        (0.75, (r"destitu(?:er|ez|ons) (?:\w+ ){0,2}(?:dirigeants|gouvernants|tyrans|président|régime)|"
                r"(?:rétablir|établir|instaurer|restaurer|l'établissement du|le rétablissement du) (?:le )?califat")),
    ),
    "de": (
        (0.9, (r"(?:stürz\w*|umstürz\w*) (?:\w+ ){0,3}(?:regime|regierung|herrscher|machthaber|system|staat|"
               r"präsidenten|könig|junta)|(?:regime|regierung|herrscher|machthaber|system)\w* (?:\w+ ){0,3}"
               r"(?:zu )?(?:stürzen|umstürzen|absetzen)|putsch\w*|staatsstreich\w*|umsturz\w*|"
               r"(?:die )?macht (?:zu )?(?:ergreifen|übernehmen|an sich reißen)|machtergreifung|bewaffneter aufstand")),
        (0.9, r"(?:die )?(?:nus+r?ah?|nusrat) (?:\w+ ){0,2}(?:zu )?(?:geben|gewähren|leisten|erteilen)"),
        (0.75, r"(?:das )?kalifat\w* (?:\w+ ){0,2}(?:zu )?(?:errichten|gründen|wiederherstellen|wiederherzustellen)|"
               r"errichtung des kalifats|wiedererrichtung des kalifats"),
    ),
    "id": (
        (0.9, (r"(?:menggulingkan|gulingkan|digulingkan|menumbangkan|tumbangkan|meruntuhkan|runtuhkan|"
               r"melengserkan|lengserkan) (?:\w+ ){0,3}(?:rezim|pemerintah\w*|penguasa|sistem|presiden|raja|"
               r"junta|negara)|kudeta|merebut kekuasaan|mengambil alih kekuasaan|pemberontakan bersenjata")),
        (0.9, r"(?:memberikan|berikan|memberi|menyerahkan) (?:\w+ ){0,2}(?:nus+r?ah|nushrah|nusrat|pertolongan)"),
        (0.75, r"(?:menegakkan|tegakkan|tegaknya|mendirikan|berdirinya|penegakan) (?:kembali )?(?:daulah )?khilafah"),
    ),
    "bn": (
        (0.9, BN_L + r"(?:উৎখাত|ক্ষমতা দখল|সামরিক অভ্যুত্থান|অভ্যুত্থান ঘটা|সরকারের পতন ঘটা|সরকার পতন ঘটা)"),
        (0.9, BN_L + r"(?:নুসরাহ|নুসরা|নুসরত) (?:দিন|দিতে|দেওয়া|প্রদান)"),
        (0.75, BN_L + r"(?:খিলাফত|খিলাফাহ|খেলাফত) (?:পুনঃ)?(?:প্রতিষ্ঠা|কায়েম)"),
    ),
    "hi": (
        (0.9, IN_L + r"(?:तख्तापलट|सत्ता पलट|सत्ता पर कब्जा|सत्ता छीन|सरकार (?:को )?(?:गिरा|उखाड|उखाड़)|"
              r"हुकूमत (?:को )?(?:गिरा|उखाड|उखाड़)|सशस्त्र विद्रोह)"),
        (0.9, IN_L + r"(?:नुसरा|नुसरत) (?:दें|दो|देने|प्रदान)"),
        (0.75, IN_L + r"(?:खिलाफत|खिलाफ़त) (?:की )?(?:स्थापना|कायम|क़ायम|बहाल)"),
    ),
    "ur-latn": (
        (0.9, r"(?:hukumat|hukoomat|hakumat|nizam|hukmaran\w*) (?:\w+ ){0,2}(?:gira|giraa|ulat|ulta|hata|hataa)\w*|"
              r"takhta (?:ulat|ulta)\w*|inqilab (?:la|laa)\w*"),
        (0.9, r"(?:nusrat|nusrah|nussrah) (?:dein|dain|den|dena|do|dijiye)"),
        (0.75, r"khilafat (?:qaim|qayam|ka qiyam|ke qiyam)"),
    ),
}

#: Members of the armed forces as addressees, per language (addressee kind "armed").
ML_ARMED_ADDRESSEES = (
    r"officiers?|armées?|soldats|militaires|forces armées|généraux|commandants|troupes|"
    r"offiziere?|armee|armeen|soldaten|militärs?|streitkräfte|generäle|kommandeure|truppen|bundeswehr|"
    r"tentara|perwira|militer|angkatan bersenjata|tni|prajurit|jenderal|panglima|pasukan|"
    r"fauj|foj|afsran|afsaran|afsar|sipahi\w*|jarnail"
)
ML_ARMED_ADDRESSEES_OTHER_SCRIPTS = (
    BN_L + r"(?:সেনাবাহিনী|সেনা কর্মকর্তা|সেনা অফিসার|সেনাসদস্য|সৈন্য|সৈনিক|অফিসার|সামরিক বাহিনী)"
    + r"|" + IN_L + r"(?:सेना|सैनिक|सैनिकों|अफसर|अफसरों|अधिकारियों|फौज|फौजी|जनरल|सशस्त्र बल)"
)
