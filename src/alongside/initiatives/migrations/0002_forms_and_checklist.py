"""The eight forms of co-production (seed 002, after Bovaird and Loeffler) and the questions an
initiative answers before it opens (the Lundy model; UN General Comment 12, paragraph 134)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

FORMS = [
    (
        "co-commissioning",
        "Co-commissioning",
        "Young people help decide which services are bought and what the contract asks for.",
        "Asking young people to jointly specify the contract for sexual health services in "
        "their city.",
    ),
    (
        "co-planning",
        "Co-planning",
        "Young people help set the policy and the priorities that services follow.",
        "Young people participating on an equal basis in setting the overall priorities for "
        "the Children's Plan.",
    ),
    (
        "co-prioritisation",
        "Co-prioritisation",
        "Young people help decide how money is shared between services or projects.",
        "Working with a group of young people to agree how the early intervention budget "
        "should be distributed across projects.",
    ),
    (
        "co-financing",
        "Co-financing",
        "Young people and services raise money for services together.",
        "Working together with young people to raise money for youth services.",
    ),
    (
        "co-design",
        "Co-design",
        "Young people help design a service, a place or a programme.",
        "Asking young people to design a school cafeteria, or to plan the next 6 months of "
        "youth activities in their area.",
    ),
    (
        "co-delivery",
        "Co-delivery",
        "Young people help run a service or deliver it to others (also called co-performing).",
        "Young people delivering sexual health education in schools, young people mentoring "
        "young people at risk of bullying.",
    ),
    (
        "co-management",
        "Co-management",
        "Young people help govern and manage a service, with a seat where decisions are made.",
        "Young people sitting on governing bodies as associate governors, or being a full "
        "member of health and well-being boards.",
    ),
    (
        "co-assessment",
        "Co-assessment",
        "Young people judge the quality and the results of a service.",
        "Young people acting as inspectors to assess the quality of services to young people.",
    ),
]

QUESTIONS = [
    (
        "lundy-space",
        "lundy",
        "Space: will young people have a safe, inclusive chance to give their view?",
        "Say where and how, and how you will reach those who are not usually heard.",
    ),
    (
        "lundy-voice",
        "lundy",
        "Voice: will young people get the help they need to say what they think, in a way "
        "they choose?",
        "For example drawing, talking, writing, or a worker writing it down for them.",
    ),
    (
        "lundy-audience",
        "lundy",
        "Audience: will their views be heard by someone with the power to act on them?",
        "Name the person or group, and how they will hear the views.",
    ),
    (
        "lundy-influence",
        "lundy",
        "Influence: will their views be acted on as appropriate, and will they be told how "
        "their views were considered?",
        "Say what can change, and how and when you will give feedback.",
    ),
    (
        "gc12-transparent",
        "gc12",
        "Transparent and informative: will young people be told what this is for, how far "
        "they can influence it, and what will happen?",
        "",
    ),
    (
        "gc12-voluntary",
        "gc12",
        "Voluntary: can young people choose not to take part, and stop at any time?",
        "",
    ),
    (
        "gc12-respectful",
        "gc12",
        "Respectful: will young people's views be treated with respect, and their own ideas "
        "welcomed?",
        "",
    ),
    (
        "gc12-relevant",
        "gc12",
        "Relevant: is this about things that matter to young people's lives, using what they "
        "know?",
        "",
    ),
    (
        "gc12-child-friendly",
        "gc12",
        "Child-friendly: are the places, times, words and materials right for the ages taking "
        "part?",
        "",
    ),
    (
        "gc12-inclusive",
        "gc12",
        "Inclusive: can every young person take part, whatever their background, disability or "
        "language?",
        "",
    ),
    (
        "gc12-training",
        "gc12",
        "Supported by training: have the adults involved been trained to support young "
        "people's participation?",
        "",
    ),
    (
        "gc12-safe",
        "gc12",
        "Safe and sensitive to risk: have you thought about the risks, and does everyone know "
        "how to raise a safeguarding concern?",
        "",
    ),
    (
        "gc12-accountable",
        "gc12",
        "Accountable: will young people be told what happened because of what they said?",
        "",
    ),
]


def load(apps: Any, schema_editor: Any) -> None:
    form = apps.get_model("initiatives", "CoproductionForm")
    question = apps.get_model("initiatives", "ChecklistQuestion")
    for order, (code, name, description, example) in enumerate(FORMS, start=1):
        form.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "example": example,
                "order": order,
            },
        )
    for order, (code, source, text, hint) in enumerate(QUESTIONS, start=1):
        question.objects.update_or_create(
            code=code,
            defaults={"source": source, "question": text, "hint": hint, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
