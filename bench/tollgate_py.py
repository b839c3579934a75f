#!/usr/bin/env python3
"""The obvious alternative to Tollgate's core, for the CPU-time comparison in bench/README.md.

A short script a platform engineer might write with nothing but the standard library: read
Event Hub bodies ({"records":[...]}, one per line), parse each APIM GatewayLogs record and its
logged request/response bodies with the `json` module (written in C), take the deployment and
operation from the URL, the model and usage from the response (JSON or a server-sent-event
stream, Chat Completions or Responses API names), classify errors, price the tokens with
Tollgate's own price catalog and sum everything into 1-minute windows per deployment, model,
APIM subscription and operation.

It is written with care for speed (no regular expressions, look-ups cached, locals bound), but
where usage is missing it estimates tokens as characters / 4: no BPE tokenizer is available
offline (tiktoken cannot be installed here), so it does less work than Tollgate on those records.
Costs are floats, not exact decimals. Both favour the script.

Usage: python3 tollgate_py.py CORPUS.jsonl [--catalog FILE]
Prints one JSON line of totals with the same keys as dev.tollgate.bench.CpuRun.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CATALOG = os.path.join(
    HERE, "..", "core", "src", "main", "resources", "catalog", "azure-openai-prices.json")

OPERATIONS = {
    "chat/completions": ("chat_completions", "chat"),
    "completions": ("completions", "text_completion"),
    "embeddings": ("embeddings", "embeddings"),
    "audio/transcriptions": ("audio", "audio_transcription"),
    "audio/translations": ("audio", "audio_translation"),
    "audio/speech": ("audio", "audio_speech"),
}

BUCKETS = (100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000)


def route(url):
    """(deployment, api, operation) for an Azure OpenAI inference URL, else None."""
    if not url:
        return None
    at = url.lower().find("/openai/")
    if at < 0:
        return None
    rest = url[at + 8:]
    q = rest.find("?")
    if q >= 0:
        rest = rest[:q]
    rest = rest.rstrip("/")
    low = rest.lower()
    deployment = None
    if low.startswith("deployments/"):
        parts = rest[12:].split("/", 1)
        if len(parts) < 2 or not parts[0]:
            return None
        deployment = parts[0]
        low = parts[1].lower()
    elif low.startswith("v1/"):
        low = low[3:]
    if low.startswith("extensions/"):
        low = low[11:]
    op = OPERATIONS.get(low)
    if op is None:
        if low.startswith("responses/resp_") or low == "responses/input_tokens":
            return None
        if low == "responses" or low.startswith("responses/"):
            op = ("responses", "chat")
        elif low.startswith("images/"):
            op = ("images", "image_generation")
        else:
            return None
    return deployment, op[0], op[1]


class Catalog:
    """Global list prices per model, with the entry in force on a date; look-ups cached."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        self.aliases = {k.lower(): v.lower() for k, v in doc.get("aliases", {}).items()}
        self.entries = {}
        for e in doc["entries"]:
            if e.get("deploymentType") != "global":
                continue
            self.entries.setdefault(e["model"].lower(), []).append((
                e["effectiveFrom"], e.get("version"), float(e["input"]),
                float(e["cachedInput"]) if e.get("cachedInput") is not None else None,
                float(e["output"]) if e.get("output") is not None else None))
        self.cache = {}

    def price(self, model, day):
        key = (model, day)
        hit = self.cache.get(key)
        if hit is None and key not in self.cache:
            hit = self.cache[key] = self._lookup(model, day)
        return hit

    def _lookup(self, model, day):
        if not model:
            return None
        m = model.strip().lower().rsplit("/", 1)[-1]
        name, version = split_version(m)
        entries = self.entries.get(name) or self.entries.get(self.aliases.get(name, ""))
        if entries is None and version:
            entries = self.entries.get(m)
        if not entries:
            return None
        best = None
        for pref in ((version,) if version else ()) + (None,):
            for e in entries:
                if e[1] == pref and e[0] <= day and (best is None or e[0] > best[0]):
                    best = e
            if best is not None:
                return best
        return None


def split_version(m):
    """gpt-4o-2024-11-20 -> (gpt-4o, 2024-11-20); gpt-35-turbo-0125 -> (gpt-35-turbo, 0125)."""
    if len(m) > 11 and m[-11] == "-" and m[-10:-6].isdigit() and m[-6] == "-" and m[-3] == "-" \
            and m[-5:-3].isdigit() and m[-2:].isdigit():
        return m[:-11], m[-10:]
    for tail in ("-preview",):
        if m.endswith(tail) and len(m) > 13 and m[-13] == "-" and m[-12:-8].isdigit():
            return m[:-13], m[-12:]
    if len(m) > 5 and m[-5] == "-" and m[-4:].isdigit():
        return m[:-5], m[-4:]
    return m, None


def usage_of(u):
    """(input, output, cached, reasoning) from Chat Completions or Responses API names."""
    if not isinstance(u, dict):
        return None
    i = u.get("prompt_tokens", u.get("input_tokens"))
    o = u.get("completion_tokens", u.get("output_tokens"))
    if i is None and o is None:
        return None
    d = u.get("prompt_tokens_details") or u.get("input_tokens_details") or {}
    r = u.get("completion_tokens_details") or u.get("output_tokens_details") or {}
    return (i or 0, o or 0, (d.get("cached_tokens") or 0) if isinstance(d, dict) else 0,
            (r.get("reasoning_tokens") or 0) if isinstance(r, dict) else 0)


def text_of(content, out):
    if isinstance(content, str):
        out.append(content)
    elif isinstance(content, list):
        for part in content:
            text_of(part, out)
    elif isinstance(content, dict):
        t = content.get("text")
        if isinstance(t, str):
            out.append(t)
        text_of(content.get("content"), out)


def main(argv):
    catalog_path = DEFAULT_CATALOG
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--catalog":
            catalog_path = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 1:
        sys.exit("usage: tollgate_py.py CORPUS.jsonl [--catalog FILE]")
    catalog = Catalog(catalog_path)
    loads = json.loads
    windows = {}
    t = dict(records=0, llm=0, errors=0, reported=0, estimated=0, input_tokens=0,
             output_tokens=0, reported_input_tokens=0, reported_output_tokens=0,
             cost_usd=0.0, reported_cost_usd=0.0, dead_letters=0)

    with open(args[0], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                body = loads(line)
            except ValueError:
                t["records"] += 1
                t["dead_letters"] += 1
                continue
            recs = body.get("records") if isinstance(body, dict) else body
            if not isinstance(recs, list):
                recs = [body]
            for rec in recs:
                t["records"] += 1
                if not isinstance(rec, dict):
                    t["dead_letters"] += 1
                    continue
                props = rec.get("properties")
                if isinstance(props, str):
                    try:
                        props = loads(props)
                    except ValueError:
                        props = None
                    if not isinstance(props, dict):
                        t["dead_letters"] += 1
                        continue
                elif props is None:
                    props = {}
                time = rec.get("time") or ""
                if len(time) < 16 or not time[:4].isdigit() or time[10] != "T":
                    t["dead_letters"] += 1
                    continue
                r = route(props.get("backendUrl")) or route(props.get("url"))
                if r is None:
                    continue
                deployment, api, operation = r
                status = props.get("responseCode") or props.get("backendResponseCode")
                ok = status is None or 200 <= status < 300

                req_model = None
                req_text = None
                req_body = props.get("requestBody") or props.get("backendRequestBody")
                if req_body:
                    try:
                        req = loads(req_body)
                    except ValueError:
                        # Cut at the logging limit: keep the text, and the model if it was
                        # logged before the cut.
                        req = None
                        req_text = req_body
                        at = req_body.find('"model":"')
                        if at >= 0:
                            end = req_body.find('"', at + 9)
                            if end > 0:
                                req_model = req_body[at + 9:end]
                    if isinstance(req, dict):
                        req_model = req.get("model")
                        if not ok:
                            pass
                        else:
                            parts = []
                            msgs = req.get("messages")
                            if isinstance(msgs, list):
                                for m in msgs:
                                    if isinstance(m, dict):
                                        text_of(m.get("content"), parts)
                            else:
                                text_of(req.get("instructions"), parts)
                                text_of(req.get("prompt"), parts)
                                text_of(req.get("input"), parts)
                            req_text = "\n".join(parts)

                resp_model = None
                usage = None
                error_code = None
                finish_filter = False
                out_parts = []
                resp_body = props.get("responseBody") or props.get("backendResponseBody")
                if resp_body:
                    if resp_body.startswith("data:"):
                        for sse in resp_body.split("\n"):
                            if not sse.startswith("data:"):
                                continue
                            payload = sse[5:].strip()
                            if payload == "[DONE]":
                                continue
                            try:
                                chunk = loads(payload)
                            except ValueError:
                                continue
                            if chunk.get("model"):
                                resp_model = chunk["model"]
                            u = usage_of(chunk.get("usage"))
                            if u is not None:
                                usage = u
                            for c in chunk.get("choices") or ():
                                if c.get("finish_reason") == "content_filter":
                                    finish_filter = True
                                delta = c.get("delta")
                                if delta and ok:
                                    text_of(delta.get("content"), out_parts)
                    else:
                        try:
                            resp = loads(resp_body)
                        except ValueError:
                            resp = None
                            at = resp_body.find('"model":"')
                            if at >= 0:
                                end = resp_body.find('"', at + 9)
                                if end > 0:
                                    resp_model = resp_body[at + 9:end]
                        if isinstance(resp, dict):
                            resp_model = resp.get("model")
                            usage = usage_of(resp.get("usage"))
                            err = resp.get("error")
                            if isinstance(err, dict):
                                error_code = err.get("code")
                            for c in resp.get("choices") or ():
                                if c.get("finish_reason") == "content_filter":
                                    finish_filter = True
                                msg = c.get("message")
                                if msg and ok and usage is None:
                                    text_of(msg.get("content"), out_parts)
                            if ok and usage is None:
                                for item in resp.get("output") or ():
                                    if item.get("type") != "reasoning":
                                        text_of(item, out_parts)

                if error_code == "content_filter" or finish_filter:
                    error = "content_filter"
                elif status == 429:
                    error = "rate_limited"
                elif status is not None and status >= 500:
                    error = "server_error"
                elif status is not None and status >= 400:
                    error = "client_error"
                else:
                    error = None

                source = None
                if usage is not None:
                    inp, out, cached, reasoning = usage
                    if api == "embeddings":
                        out = 0
                    source = "reported"
                elif ok and (req_text or out_parts):
                    inp = len(req_text or "") // 4
                    out = 0 if api == "embeddings" else sum(map(len, out_parts)) // 4
                    cached = reasoning = 0
                    source = "estimated"
                else:
                    inp = out = cached = reasoning = 0

                model = resp_model or req_model or deployment
                cost = None
                if source is not None:
                    p = catalog.price(model, time[:10])
                    if p is not None:
                        c_in = p[3] if p[3] is not None else p[2]
                        cost = ((inp - min(cached, inp)) * p[2] + min(cached, inp) * c_in
                                + out * (p[4] or 0.0)) / 1e6

                t["llm"] += 1
                if error:
                    t["errors"] += 1
                t["input_tokens"] += inp
                t["output_tokens"] += out
                if source == "reported":
                    t["reported"] += 1
                    t["reported_input_tokens"] += inp
                    t["reported_output_tokens"] += out
                    if cost is not None:
                        t["reported_cost_usd"] += cost
                elif source == "estimated":
                    t["estimated"] += 1
                if cost is not None:
                    t["cost_usd"] += cost

                dep = deployment or req_model
                key = (time[:16], dep, resp_model or req_model, props.get("apimSubscriptionId"),
                       operation)
                w = windows.get(key)
                if w is None:
                    w = windows[key] = [0, 0, 0, 0, 0, 0, 0.0, 0, None, None, [0] * 11]
                w[0] += 1
                if error:
                    w[1] += 1
                w[2] += inp
                w[3] += out
                w[4] += cached
                w[5] += reasoning
                if cost is not None:
                    w[6] += cost
                d = rec.get("durationMs")
                if isinstance(d, int) and d >= 0:
                    w[7] += d
                    w[8] = d if w[8] is None else min(w[8], d)
                    w[9] = d if w[9] is None else max(w[9], d)
                    b = 0
                    while b < 10 and d > BUCKETS[b]:
                        b += 1
                    w[10][b] += 1

    t["aggregates"] = len(windows)
    t["cost_usd"] = round(t["cost_usd"], 8)
    t["reported_cost_usd"] = round(t["reported_cost_usd"], 8)
    print(json.dumps(t))


if __name__ == "__main__":
    main(sys.argv[1:])
