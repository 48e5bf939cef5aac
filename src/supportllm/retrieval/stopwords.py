"""Short stop-word lists: the function words that carry no topic in support questions.

Kept small on purpose: BM25's IDF already discounts frequent words, and a long list removes
words that matter in support ("not", "no", "cannot" stay in).
"""

from __future__ import annotations

import functools

_EN = """a an the and or but if then else of to in on at by for with from into onto about as
        is are
        was were be been being am do does did doing have has had having i me my mine we us our ours
        you your yours he him his she her hers it its they them their theirs this that these those
        there here what which who whom whose when where why how can could would should will
        shall may
        might must so than too very just also any some all each both few more most other such own
        same s t d ll m re ve y hi hello hey please thanks thank regards dear"""
_DE = """der die das den dem des ein eine einer eines einem einen und oder aber wenn dann sonst von
        zu zum zur in im an am auf bei mit aus für über unter als ist sind war waren bin bist sein
        seid habe hast hat haben hatte hatten ich mich mir mein meine meinen meinem meiner wir uns
        unser unsere du dich dir dein deine ihr euch euer er ihn ihm sein seine sie es ihr ihre
        dies diese dieser dieses jene was welche welcher welches wer wen wem wo wann warum wie kann
        kannst können könnte würde sollte soll wird werden wurde so auch noch schon nur sehr doch da
        denn ja hallo guten tag bitte danke vielen gruß grüße freundlichen liebe lieber"""
_NL = """de het een en of maar als dan van te tot in op aan bij met uit voor over onder is zijn was
        waren ben bent heb hebt heeft hebben had hadden ik me mij mijn wij we ons onze jij je
        jou jouw
        u uw hij hem zijn zij ze haar hun hen dit dat deze die wat welke wie waar wanneer waarom hoe
        kan kun kunt kunnen zou zouden moet moeten zal zullen wordt worden werd zo ook nog al alleen
        heel er hier daar nu toch hallo hoi beste goedendag alstublieft alsjeblieft graag bedankt
        dank groet groeten vriendelijke"""
_LISTS = {"en": _EN, "de": _DE, "nl": _NL}


@functools.cache
def stopwords(lang: str) -> frozenset[str]:
    return frozenset(_LISTS.get(lang, "").split())
