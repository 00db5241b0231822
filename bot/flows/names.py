"""Every multi-step flow, by the name stored with its state in the flows table.

One constant per flow: the feature that owns the flow uses it, and so do the composition root's
tables that route typed text and photos to the open flow (bot.app). A name is stored, so it never
changes: a draft saved before a restart finds its flow again.
"""

from __future__ import annotations

from typing import Final

REGISTER: Final = "register"  # registration by invitation (bot.people.registration)
PROFILE: Final = "profile"  # editing one's profile (handlers.people.profile)
ABSENCE: Final = "absence"  # setting an absence (bot.people.absence)
SIGNAL: Final = "signal"  # a signal's draft (bot.signals.report)
SIGNAL_WORK: Final = "sigwork"  # typed parts of working on a signal (bot.signals.access)
QUESTION: Final = "question"  # a question's draft (bot.questions.asking)
QUESTION_WORK: Final = "qwork"  # answers and follow-ups on a question (bot.questions.threads)
FAQ_PUBLISH: Final = "faqpub"  # publishing to the knowledge base (bot.questions.faq)
ANNOUNCE: Final = "announce"  # an announcement's draft (bot.announcements.compose)
ANNOUNCE_FIX: Final = "anfix"  # a sent announcement's corrected text (bot.announcements.compose)
OWN_PAUSE: Final = (
    "ownpause"  # a typed last day or reason of one's own pause (bot.people.own_pause)
)
CONSULT: Final = "consult"  # typed parts of consultation: a follow-up's closing note, an
# agenda point (bot.consultation; the step says which)
MEETING: Final = "meeting"  # planning a meeting (bot.consultation.meeting_draft)
CHECKIN_NOTE: Final = "cinote"  # a check-in's typed note (bot.consultation.note_draft)
SHIFT: Final = "shift"  # a coordinator's new shift (bot.shifts.draft)
SHIFT_WORK: Final = "shwork"  # typed parts of shifts: a reason, a changed field (bot.shifts.typed)

ALL: Final = frozenset(
    {
        REGISTER,
        PROFILE,
        ABSENCE,
        SIGNAL,
        SIGNAL_WORK,
        QUESTION,
        QUESTION_WORK,
        FAQ_PUBLISH,
        OWN_PAUSE,
        CONSULT,
        MEETING,
        CHECKIN_NOTE,
        SHIFT,
        SHIFT_WORK,
        ANNOUNCE,
        ANNOUNCE_FIX,
    }
)
# No flow: the language someone without an account chose (/taal), kept in the flows table until
# they register (registration takes it over) or it is purged with stale drafts. Typed text and
# /annuleer leave it alone (bot.people.registration, bot.people.access).
STRANGER_LANGUAGE: Final = "lang"
# Drafts with something worth keeping: starting another one never silently replaces them.
DRAFTS: Final = frozenset({SIGNAL, QUESTION, SHIFT, ANNOUNCE})
