"""Lexicons of the call-to-action model (:mod:`tvec.model.cta`), kept apart from its logic.

Each list feeds one ROLE SLOT of a call to action; no entry triggers anything on its own.
A call needs a DIRECTIVE (or, for glorification, PRAISE), an ACT and an ADDRESSEE in one clause,
within a window, and survives only if no BLOCKER holds. Entries are regular-expression
fragments matched on a lowercased view of the sentence in which Arabic diacritics are removed,
Arabic alef/ya/ta-marbuta variants are folded and typographic apostrophes are straight. Each
entry carries a WEIGHT in (0, 1]: how strongly that cue, on its own, marks its role (the score of
a call is the product of its three weights, see ``cta.py``).

Words are matched at word boundaries (``\\b`` is added by the model for Latin entries; Arabic
and Urdu entries are matched between non-letters).
"""

from __future__ import annotations

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
    ("deontic", 0.85, r"يجب|ينبغي|لا بد|لابد|وجب|واجب|فرض عين|فرض"),
    ("call", 1.0, r"ندعو|نطالب|نهيب|ادعو|نستنفر"),
    # Urdu / Hindi: obligation and request.
    ("deontic", 0.85, r"چاہیے|چاہئے|لازم|فرض ہے|کرنا ہوگا|ہوگا"),
    ("call", 1.0, r"مطالبہ کرتے|اپیل کرتے"),
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
URDU_IMPERATIVES: tuple[str, ...] = (
    "اٹھو", "لڑو", "مارو", "نکلو", "جہاد کرو", "حملہ کرو", "ہٹاؤ", "گراؤ", "شامل ہو جاؤ", "मारो", "उठो",
)
IMPERATIVE_WEIGHT = 0.9

# ---------------------------------------------------------------------------------------------
# ACTS: what the addressee is asked to do. (category, weight, needs_target, pattern)
# needs_target: the verb is also used figuratively or of things ("fight poverty", "attack the
# problem", "execute a plan"), so it counts only with a human target right after it (see
# TARGETS) or in the passive ("should be executed"); "subject": only with people as the subject
# just before it ("they die", "all the X would burn"), never of things ("the trend dies").
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
    ("incitement", 1.0, False, r"قاتلوا|اقتلوا|جاهدوا|القتال|قتال|الجهاد في سبيل|اضربوا|هاجموا|انفروا|اقتل|قاتل"),
    ("insurrection", 0.9, False, r"اسقاط النظام|اسقطوا|خلع الحكام|اخلعوا|النصرة|نصرة|اقامة الخلافة|الانقلاب"),
    ("recruitment", 0.9, False, r"انضموا|الالتحاق ب|النفير"),
    # Urdu / Hindi.
    ("incitement", 1.0, False, r"جہاد کر|لڑو|مارو|قتل کر|حملہ کر|मारो|मार डालो|हमला करो"),
    ("insurrection", 0.9, False, r"حکمرانوں کو ہٹا|حکومت گرا|نصرۃ|نصرت|خلافت قائم|خلافت کے قیام"),
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
    ("armed", 1.0, r"الجيش|الجيوش|جيوش|الجنود|جنود|الضباط|ضباط|القوات|المجاهدين|المجاهدون|العسكر"),
    ("community", 0.9, r"المسلمين|المسلمون|المؤمنين|المؤمنون|الذين امنوا|الامة|اخوة|اخواني|اخوتي|الشباب|شباب"),
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
          r"we salute|hail (?:to )?|long live|praise (?:be )?(?:to|for)|congratulat\w+|"
          r"(?:heroic|blessed|glorious|brave|noble|courageous) ")),
    (0.8, r"heroes|lions|proud of|rejoice|celebrate"),
    (1.0, r"تقبله الله|تقبلهم الله|رحمه الله|المباركة|البطولية|الابطال"),
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
