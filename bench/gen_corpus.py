#!/usr/bin/env python3
"""Writes a seeded, realistic benchmark corpus of incident-communication drafts.

    python3 bench/gen_corpus.py --out DIR --count N [--seed S]
    python3 bench/gen_corpus.py --single OUT.md --bytes B [--seed S]

Drafts mix the five kinds (status updates in every phase, incident e-mails, vulnerability
notices, breach notices, post-mortems) and lengths (a two-line status update up to a
multi-section post-mortem), in Markdown and plain text, some with front matter. About a third
of the sentences carry an anti-pattern (non-apologies, minimising scope, hedging, passive
voice, blame-shifting, jargon, unrendered placeholders), so every rule family has work to do.

`--single` writes one large document of about B bytes (for the linearity check).

Only the Python standard library is used; the same seed gives byte-identical output.
"""

import argparse
import os
import random

SERVICES = ["API", "dashboard", "checkout", "login", "search", "billing", "webhooks",
            "file uploads", "mobile app", "EU region", "status page", "CI runners"]
COMPANY = ["Acme Cloud", "Northwind", "Globex", "Initech", "Umbrella Pay", "Hooli Mail"]
VENDORS = ["our CDN provider", "an upstream DNS vendor", "a third-party payment processor",
           "our cloud provider"]
TIMES = ["09:12", "10:40", "11:05", "13:30", "14:47", "16:20", "18:03", "22:15"]
ZONES = ["UTC", "UTC", "PDT", "CET", ""]
DATA = ["email addresses", "names and postal addresses", "hashed passwords",
        "the last four digits of card numbers", "support ticket contents", "IP addresses"]

# Plain, good sentences.
GOOD = [
    "Between {t1} and {t2} {z}, {pct}% of requests to the {svc} failed with errors.",
    "We rolled back the release at {t2} {z} and error rates returned to normal.",
    "The cause was a configuration change that removed a database index.",
    "We're sorry that {n} customers could not reach the {svc} for {m} minutes.",
    "We will post the next update by {t2} {z}.",
    "You do not need to take any action.",
    "If you were charged twice, contact support@example.com and we will refund you within five days.",
    "We have added an automated check that blocks configuration changes without an index review.",
    "Engineers restored service by failing over to the standby cluster.",
    "Requests made during the incident were retried and no data was lost.",
    "Thanks to {name}, who reported the issue to our security team on {date}.",
    "The attacker accessed {data} for {n} accounts between {date} and {date2}.",
    "We reset the passwords of every affected account and notified each customer by e-mail.",
    "Update your client to version {v} to receive the fix.",
    "Payments queued during the outage were processed by {t2} {z}.",
    "We are adding a second region so that a single zone failure cannot take the {svc} down.",
]

# Sentences with anti-patterns the rule catalogue describes.
BAD = [
    "We apologize for any inconvenience this may have caused.",
    "We are sorry if anyone was affected by this issue.",
    "A small number of customers may have experienced some issues.",
    "Only a handful of users were impacted.",
    "Some users might possibly have seen intermittent errors.",
    "Mistakes were made and data was exposed.",
    "The outage was caused by {vendor}.",
    "We take your security and privacy very seriously.",
    "There is no evidence that any data was misused.",
    "The p99 on the shard-7 etcd quorum spiked after the canary hit the blue pool.",
    "Dear {{{{first_name}}}}, we are writing to inform you of an incident.",
    "Errors were observed and the issue was mitigated.",
    "Out of an abundance of caution we are notifying a limited subset of users.",
    "This was a sophisticated attack that could not have been prevented.",
    "We regret any confusion our earlier update may have caused.",
    "Your account may have been accessed by an unauthorized party at some point.",
]

HEADINGS = {
    "postmortem": ["Summary", "Impact", "Timeline", "Root cause", "Resolution",
                   "What we are changing", "Lessons learned"],
    "breach-notice": ["What happened", "What information was involved", "What we are doing",
                      "What you can do", "For more information"],
    "vulnerability-notice": ["Summary", "Affected versions", "Impact", "Fix", "Credit"],
    "incident-email": [],
    "status-update": [],
}

KINDS = ["status-update"] * 5 + ["incident-email"] * 2 + ["postmortem"] * 2 + \
        ["breach-notice", "vulnerability-notice"]
PHASES = ["investigating", "identified", "monitoring", "resolved"]


def fill(rng, s):
    t1, t2 = sorted(rng.sample(TIMES, 2))
    return s.format(
        t1=t1, t2=t2, z=rng.choice(ZONES), pct=rng.randint(1, 60), svc=rng.choice(SERVICES),
        n=rng.randint(2, 90000), m=rng.randint(3, 240), name=rng.choice(["Ana Ruiz", "K. Osei",
        "Lena Vogt", "the Project Zero team"]), date="3 May 2025", date2="9 May 2025",
        data=rng.choice(DATA), v=f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
        vendor=rng.choice(VENDORS)).replace("  ", " ").replace(" .", ".").replace(" ,", ",")


def paragraph(rng, sentences, bad_rate):
    out = []
    for _ in range(sentences):
        pool = BAD if rng.random() < bad_rate else GOOD
        out.append(fill(rng, rng.choice(pool)))
    return " ".join(out)


def draft(rng):
    kind = rng.choice(KINDS)
    markdown = rng.random() < 0.85
    bad_rate = rng.choice([0.0, 0.15, 0.35, 0.6])
    parts = []
    if markdown and rng.random() < 0.4:
        fm = [f"kind: {kind}"]
        if kind == "status-update":
            fm.append(f"phase: {rng.choice(PHASES)}")
        parts.append("---\n" + "\n".join(fm) + "\n---\n")
    svc = rng.choice(SERVICES)
    company = rng.choice(COMPANY)
    if kind == "status-update":
        phase = rng.choice(PHASES)
        title = f"{phase.capitalize()}: {svc} errors"
        parts.append(f"# {title}\n" if markdown else f"{title}\n")
        for _ in range(rng.randint(1, 3)):
            parts.append(paragraph(rng, rng.randint(1, 4), bad_rate) + "\n")
    elif kind == "incident-email":
        parts.append(f"Subject: {svc} incident on 3 May\n\nDear customer,\n")
        for _ in range(rng.randint(2, 5)):
            parts.append(paragraph(rng, rng.randint(2, 5), bad_rate) + "\n")
        parts.append(f"Kind regards,\nThe {company} team\n")
        if rng.random() < 0.2:
            parts.append("On Mon, 3 May 2025, Ana wrote:\n> I'm so sorry to bother you, is the API down?\n")
    else:
        title = {"postmortem": f"Post-mortem: {svc} outage",
                 "breach-notice": f"Notice of data security incident at {company}",
                 "vulnerability-notice": f"Security advisory: {svc} authentication bypass"}[kind]
        parts.append(f"# {title}\n" if markdown else f"{title}\n")
        for h in HEADINGS[kind]:
            parts.append(f"## {h}\n" if markdown else f"{h}\n")
            if h == "Timeline" and markdown:
                rows = "".join(f"| {t} UTC | {fill(rng, rng.choice(GOOD))} |\n"
                               for t in sorted(rng.sample(TIMES, rng.randint(3, 6))))
                parts.append("| Time | Event |\n|---|---|\n" + rows)
                continue
            if markdown and rng.random() < 0.3:
                items = [fill(rng, rng.choice(GOOD if rng.random() > bad_rate else BAD))
                         for _ in range(rng.randint(2, 5))]
                parts.append("".join(f"- {i}\n" for i in items))
            for _ in range(rng.randint(1, 3)):
                parts.append(paragraph(rng, rng.randint(2, 6), bad_rate) + "\n")
            if markdown and rng.random() < 0.15:
                parts.append("```\n$ kubectl rollout undo deployment/api\n```\n")
            if markdown and rng.random() < 0.1:
                parts.append("<!-- candor-disable-next-line minimizing-scope -->\n"
                             + fill(rng, BAD[2]) + "\n")
    ext = ".md" if markdown else ".txt"
    return kind, ext, "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="directory to write N drafts into")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--single", help="write one large document to this path")
    ap.add_argument("--bytes", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=6)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if a.single:
        # One long post-mortem: sections repeated until the size is reached.
        chunks, size = ["# Post-mortem: a very long incident\n\n"], 0
        while size < a.bytes:
            _, _, d = draft(rng)
            d = d.replace("---\n", "").replace("kind: ", "Kind ").replace("phase: ", "Phase ")
            chunks.append(d + "\n")
            size += len(d.encode()) + 1
        with open(a.single, "w", encoding="utf-8") as f:
            f.write("".join(chunks))
        return
    if not a.out:
        ap.error("give --out DIR or --single FILE")
    os.makedirs(a.out, exist_ok=True)
    width = len(str(a.count))
    for i in range(a.count):
        kind, ext, text = draft(rng)
        sub = os.path.join(a.out, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{kind}-{i:0{width}d}{ext}"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
