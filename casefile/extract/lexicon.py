"""Word lists behind the cue stages, as compiled regular expressions, keyed by vocabulary.

Each pattern is general English of conflict reporting, not the wording of any one
source. Changing a list changes extraction: keep tests in tests/extract/test_cues.py.
"""

from __future__ import annotations

import re

from ..vocab import CERTAINTY, EVIDENCE


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


# --- what happened -------------------------------------------------------------------
KILL = _rx(
    r"kill(?:s|ed|ing)?", r"shot", r"shoot(?:s|ing)?", r"gunned down", r"murder(?:s|ed|ing)?",
    r"assassinat(?:e|ed|es|ing|ion|ions)", r"machine-?gunned", r"slay(?:ing|ings)?",
    r"execut(?:e|es|ed|ing|ion|ions)", r"massacre[ds]?", r"behead(?:s|ed|ing)?",
    r"slaughter(?:ed)?", r"dead", r"died", r"deaths?", r"death toll", r"bodies", r"corpses",
    r"lives", r"cut off (?:the |their |his )?heads?", r"slain", r"finished off",
    r"heads? (?:and hands )?(?:were |was )?cut off", r"burn(?:ed|t) (?:alive|to death)",
)
# Places where captives are held: soldiers killed there were captives.
DETENTION_PLACE = _rx(
    r"prisons?", r"penal colon(?:y|ies)", r"colon(?:y|ies)", r"detention (?:cent(?:er|re)|facilit(?:y|ies)|sites?)",
    r"(?:POW |prison |filtration )?camps?", r"barracks", r"jails?", r"captivity", r"cells?",
)
# Nouns that name civilians as such, strong enough to outweigh a mention of soldiers.
STRONG_CIVILIAN = _rx(
    r"civilians?", r"residents?", r"children", r"child", r"women", r"villagers", r"inhabitants",
    r"famil(?:y|ies)", r"passengers", r"patients", r"evacuees", r"pensioners?", r"elderly",
    r"non-combatants?", r"refugees",
)
EXECUTE = _rx(
    r"execut(?:e|es|ed|ing|ion|ions)", r"shot dead", r"behead(?:s|ed|ing)?",
    r"cut off (?:the |their |his )?heads?", r"summar(?:y|ily) (?:execut\w+|kill\w+)",
    r"finished off", r"kill the rest", r"take no prisoners", r"no prisoners",
    r"heads? (?:and hands )?(?:were |was )?cut off", r"shot (?:him |her |them )?in the (?:head|back of the head)",
    r"(?:shot|killed) at (?:point-blank|close) range",
)
POW = _rx(
    r"prisoners? of war", r"POWs?", r"captives?", r"captivity",
    r"captured (?:\w+ )?(?:soldiers?|servicem[ae]n|troops|fighters|defenders|marines|men|POWs?)",
    r"(?:were|was|been|being|after being) captured", r"(?:soldiers?|servicem[ae]n|troops|fighters) (?:\w+ )?captured",
    r"surrender(?:s|ed|ing)?", r"unarmed", r"hors de combat", r"taken prisoner",
    r"(?:Ukrainian|Russian) (?:prisoners|detainees)", r"prisoners", r"lined up",
    r"hands (?:up|raised)", r"laid down (?:their|his) (?:arms|weapons)",
)
SOLDIER = _rx(
    r"soldiers?", r"servicem(?:a|e)n", r"troops", r"fighters?", r"defenders?", r"marines?",
    r"combatants?", r"drone operators?", r"paratroopers?", r"service ?members?",
)
CIVILIAN = _rx(
    r"civilians?", r"residents?", r"people", r"children", r"child", r"women", r"villagers",
    r"locals?", r"inhabitants", r"famil(?:y|ies)", r"passengers", r"patients", r"evacuees",
    r"pensioners?", r"volunteers?", r"teenagers?", r"(?:boy|girl|man|woman)s?", r"elderly",
    r"mourners", r"guests", r"visitors", r"customers", r"shoppers", r"journalists?",
    r"medics?", r"doctors?", r"aid workers?", r"non-combatants?", r"refugees",
    r"priests?", r"Jesuits?", r"nuns?", r"clergy(?:men)?", r"peasants?", r"farmers?", r"workers?",
    r"students?", r"teachers?", r"mayors?", r"judges?", r"officials?", r"politicians?",
    r"(?:union|political|community|opposition) leaders?", r"bystanders?", r"diplomats?",
    r"businessm[ae]n", r"reporters?", r"newsm[ae]n", r"citizens?", r"tourists?", r"leaders?",
)
STRIKE = _rx(
    r"strikes?", r"struck", r"hit", r"hits", r"shell(?:s|ed|ing)", r"missiles?", r"rockets?",
    r"bomb(?:s|ed|ing|ings)?", r"drone (?:attack|strike)s?", r"air ?strikes?", r"airstrikes?",
    r"attack(?:s|ed)?", r"barrages?", r"artillery", r"Iskanders?", r"Kh-\d+\w*", r"Tochka(?:-U)?",
    r"glide bombs?", r"explosions?", r"blasts?", r"Shaheds?", r"cluster munitions?",
    r"ballistic", r"pounded", r"bombard(?:ed|ment|ments)", r"dynamite", r"car bombs?",
    r"explosives?", r"exploded", r"detonat\w+", r"grenades?", r"mortar(?:ed|s)?", r"set (?:on )?fire",
    r"torched", r"arson", r"blown up", r"blew up", r"terrorist attacks?", r"machine-?gunned",
)
CIVIL_OBJECT = _rx(
    r"apartments?", r"residential", r"hospitals?", r"schools?", r"kindergartens?",
    r"(?:railway|train|bus) stations?", r"caf[eé]s?", r"restaurants?", r"pizzeria", r"shops?",
    r"stores?", r"markets?", r"supermarkets?", r"shopping (?:mall|centre|center)s?",
    r"churche?s?", r"theat(?:er|re)s?", r"humanitarian", r"convoys?", r"evacuation",
    r"buses", r"playgrounds?", r"homes?", r"houses?", r"high-rise", r"multi-stor(?:e)?y",
    r"(?:nine|five|ten)-stor(?:e)?y", r"city cent(?:er|re)", r"civilian (?:infrastructure|objects?)",
    r"energy (?:facilities|infrastructure)", r"power (?:plant|station|grid)s?", r"dormitor(?:y|ies)",
    r"maternity", r"clinic", r"post office", r"hotel", r"universit(?:y|ies)",
    r"embass(?:y|ies)", r"banks?", r"offices?", r"pipelines?", r"power (?:lines?|pylons?|towers?)",
    r"electric(?:al|ity)? towers?", r"vehicles?", r"cars?", r"residences?", r"neighbou?rhoods?",
    r"villages?", r"towns?", r"downtown", r"streets?", r"radio stations?", r"newspapers?",
)
CASUALTY = _rx(
    r"kill(?:s|ed|ing)?", r"dead", r"died", r"deaths?", r"death toll", r"wounded", r"injur(?:ed|ies|ing)",
    r"casualties", r"victims?", r"lives", r"bodies", r"perished", r"rubble",
    r"damag(?:ed|e|ing)", r"destroy(?:ed|ing)", r"razed",
)
MILITARY_TARGET = _rx(
    r"positions?", r"ammunition (?:depot|dump)s?", r"equipment", r"command posts?",
    r"air defen[cs]e", r"military (?:targets?|facilit\w+|airfield|base)", r"howitzers?", r"tanks?",
    r"armored vehicles?", r"launchers?", r"troop concentrations?", r"logistics",
)
TORTURE = _rx(
    r"tortur(?:e|ed|es|ing)", r"beat(?:en|ings?)", r"electric(?:al)? shocks?", r"electrocut\w+",
    r"castrat(?:e|ed|ing|ion)", r"ill-treat(?:ed|ment)", r"mistreat(?:ed|ment)", r"mutilat\w+",
    r"waterboard\w*", r"cruel(?:ty)? treatment", r"mock executions?", r"starv(?:ed|ation)",
)
SEXUAL = _rx(
    r"rape[ds]?", r"raping", r"sexual(?:ly)? (?:violence|assault\w*|abuse\w*|violated)",
    r"sexual violence",
)
DETENTION = _rx(
    r"detain(?:s|ed|ing|ee|ees)?", r"abduct(?:s|ed|ing|ion|ions)", r"kidnapp?(?:ed|ing|ings|ers?)?",
    r"kidnaps?", r"held hostage", r"taken hostage",
    r"hostages?", r"enforced disappearances?", r"disappeared", r"held captive",
    r"illegally (?:held|imprisoned|detained|confined)", r"unlawful(?:ly)? (?:confine\w*|detain\w*|imprison\w*|detention|confinement)",
    r"arbitrar(?:y|ily) (?:detain\w*|detention|arrest\w*)", r"filtration",
)
DEPORTATION = _rx(
    r"deport(?:s|ed|ing|ation|ations)", r"forcibl[ey] transfer(?:s|red|ring)?",
    r"forced (?:transfer|deportation|relocation)s?", r"forcible transfers?",
    r"forcibly (?:moved|relocated|taken|removed|displaced)", r"taken to Russia",
    r"(?:moved|relocated|transferred|removed) (?:them )?to (?:Russia|Russian-occupied|occupied)",
    r"adopted by Russian",
)
# Bodies found: the dead of a killing that another sentence reports.
BODIES_FOUND = _rx(r"(?:bodies|corpses|remains)\b.{0,60}?\b(?:found|discovered|exhumed|recovered|retrieved)",
                   r"(?:found|discovered|exhumed|recovered|retrieved)\b.{0,40}?\b(?:bodies|corpses|remains)",
                   r"mass graves?")
# Responsibility without the act ("committed war crimes in Bucha"): joins any act.
RESPONSIBILITY = _rx(r"committ(?:ed|ing) (?:war )?crimes", r"atrocities", r"responsible for (?:the )?(?:killings?|massacre|executions?|crimes)")
# Sentences that describe a pattern or an aggregate rather than one act.
PATTERN = _rx(
    r"widespread", r"systematic(?:ally)?", r"culture of", r"patterns? of", r"routinely",
    r"regularly", r"in general", r"practice of", r"policy of", r"increasingly",
)
AGGREGATE = _rx(
    r"cases", r"investigations", r"proceedings", r"criminal cases", r"incidents",
    r"in total", r"a total of", r"since (?:the (?:start|beginning) of )?(?:the )?(?:full-scale )?(?:invasion|war)",
    r"so far", r"to date", r"documented", r"recorded", r"verified", r"more and more",
)
# Combat between armed forces, which is not an incident on its own.
COMBAT = _rx(
    r"advanced", r"advances?", r"assaults?", r"offensive", r"counteroffensive",
    r"positions", r"seized", r"recaptured", r"frontline", r"front line", r"infiltration",
    r"geolocated footage", r"attacked near",
)

# --- what material exists ----------------------------------------------------------
EVIDENCE_CUES: dict[str, re.Pattern[str]] = {
    EVIDENCE.DRONE_VIDEO: _rx(r"drone (?:footage|video|videos|recording)", r"(?:filmed|recorded|captured) (?:by|from|with) an? drones?",
                              r"aerial (?:footage|video)", r"drone-(?:recorded|filmed|shot)"),
    EVIDENCE.VIDEO: _rx(r"videos?", r"footage", r"filmed", r"video recording", r"clips?"),
    EVIDENCE.PHOTO: _rx(r"photos?", r"photographs?", r"photographed", r"pictures?", r"images?"),
    EVIDENCE.RADIO_INTERCEPT: _rx(r"intercept(?:s|ed)?", r"radio (?:communications?|transmissions?|messages?|conversations?|chatter)",
                                  r"recorded (?:phone )?conversations?"),
    EVIDENCE.TESTIMONY: _rx(r"testimon(?:y|ies)", r"witness(?:es)?", r"eyewitness(?:es)?", r"survivors?",
                            r"interview(?:s|ed)?", r"former (?:detainees|prisoners|captives|POWs)",
                            r"told (?:Amnesty|HRW|Human Rights Watch|investigators|the UN|us|reporters|journalists)",
                            r"recounted", r"accounts? (?:of|from|by)"),
    EVIDENCE.FORENSIC: _rx(r"exhum(?:ed|ation|ations)", r"autops(?:y|ies)", r"forensic", r"mass graves?",
                           r"gunshot wounds?", r"bore signs", r"signs of (?:torture|violence)",
                           r"examin(?:ed|ation of) (?:the )?bodies", r"identified by DNA", r"DNA"),
    EVIDENCE.DOCUMENTS: _rx(r"documents", r"lists of", r"records show", r"written orders?", r"logs?"),
    EVIDENCE.SATELLITE_IMAGERY: _rx(r"satellite (?:images?|imagery|photos?|pictures?)", r"Maxar", r"Planet Labs"),
    EVIDENCE.SOCIAL_MEDIA_POST: _rx(r"Telegram", r"social (?:media|networks?)", r"posted (?:online|on)",
                                    r"Twitter", r"VKontakte", r"YouTube", r"TikTok", r"X \(formerly Twitter\)",
                                    r"(?:milblogger|channel)s?", r"published online"),
}

# --- how firmly ----------------------------------------------------------------------
HEDGE_CUES: dict[str, re.Pattern[str]] = {
    CERTAINTY.DISPUTED: _rx(r"denied", r"denies", r"deny", r"denying", r"disputed", r"disputes",
                            r"rejected (?:the )?(?:claims?|accusations?|allegations?)",
                            r"(?:called|calls|dismissed) (?:it|this|the \w+|them)?\s?(?:as )?(?:a |an )?(?:provocation|fake|staged|hoax|lie)",
                            r"blamed (?:Ukraine|Kyiv|Ukrainian\w*|Russia|Moscow)", r"accused (?:Ukraine|Kyiv) of",
                            r"staged", r"fabricat\w+", r"provocation"),
    CERTAINTY.ALLEGED: _rx(r"alleged(?:ly)?", r"reportedly", r"claim(?:s|ed)?", r"unverified",
                           r"(?:could|can)(?: ?not)? (?:be )?(?:independently )?(?:verif\w+|confirm\w+)",
                           r"not (?:been )?(?:independently )?(?:verified|confirmed)", r"possibl[ey]",
                           r"purported(?:ly)?", r"suspected", r"may have", r"might have", r"presumably",
                           r"likely", r"unconfirmed", r"rumou?rs?"),
    CERTAINTY.CONFIRMED: _rx(r"confirmed", r"verified", r"established", r"documented", r"proven",
                             r"geolocated", r"authenticated"),
}

# --- who says so -------------------------------------------------------------------
REPORTING_VERB = _rx(
    r"said", r"says", r"reported", r"reports", r"stated", r"announced", r"told", r"claimed",
    r"wrote", r"added", r"noted", r"confirmed", r"according to", r"citing", r"cited",
    r"published", r"posted", r"informed", r"concluded", r"found",
)
