#!/usr/bin/env python3
"""Interoperability check with Confluent's own client library.

Publishes synthetic and scraped records with confluent-kafka's Avro producer (Confluent's
schema-registry client and wire-format serializer, pointed at the registry's Confluent-compatible
API), then reads Sluice's curated outputs back with confluent-kafka's consumer and Avro message serializer and checks
that every record came out exactly once, decoded, with a decision.

Needs Debian's python3-confluent-kafka and python3-avro (the legacy confluent_kafka.avro API,
which uses the avro package; the newer API needs fastavro, which Debian does not package).

Usage: confluent_roundtrip.py BOOTSTRAP REGISTRY_URL [TOPIC_PREFIX] [COUNT]
Exit status 0 when every record was accounted for; prints a JSON summary.
"""
import datetime
import json
import sys
import time
import urllib.request
import uuid

from confluent_kafka import Consumer, avro
from confluent_kafka.avro import AvroProducer
from confluent_kafka.avro.cached_schema_registry_client import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

PARAGRAPH = ("The committee met on Tuesday to discuss the proposal for a new directive on the protection of "
             "workers. Several members argued that the text should be strengthened, while others warned that "
             "the costs for small businesses would be too high. After a long debate the committee agreed to ask "
             "the Commission for an impact assessment before the vote in plenary next month.")


def latest_schema(registry_url, subject):
    """The schema Sluice registered for a topic (a producer may also bring its own copy)."""
    with urllib.request.urlopen(f"{registry_url}/subjects/{subject}/versions/latest") as response:
        return avro.loads(json.loads(response.read())["schema"])


def main():
    bootstrap, registry_url = sys.argv[1], sys.argv[2].rstrip("/")
    prefix = sys.argv[3] if len(sys.argv) > 3 else ""
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    topic = lambda name: prefix + name  # noqa: E731
    run = uuid.uuid4().hex[:8]
    now = datetime.datetime.now(datetime.timezone.utc)

    synthetic_schema = latest_schema(registry_url, topic("sluice.ingest.synthetic") + "-value")
    scraped_schema = latest_schema(registry_url, topic("sluice.ingest.scraped") + "-value")
    producer = AvroProducer({"bootstrap.servers": bootstrap, "schema.registry.url": registry_url})
    expected = {}
    for i in range(count):
        if i % 2 == 0:
            rid = f"py-syn-{run}-{i}"
            short = i % 10 == 0  # every fifth synthetic record is too short: a REPAIR request
            value = {"id": rid, "text": "Too short." if short else PARAGRAPH, "event_time": now,
                     "generator_model": "python-generator", "generator_version": "1", "prompt_id": None,
                     "prompt": None, "parent_ids": [], "lineage_depth": 0, "requested_slice": None,
                     "task_type": "qa", "language": "en"}
            producer.produce(topic=topic("sluice.ingest.synthetic"), value=value, value_schema=synthetic_schema)
            expected[rid] = "resynthesis" if short else "accepted"
        else:
            rid = f"py-scr-{run}-{i}"
            empty = i % 10 == 1  # and every fifth scraped record is empty: quarantined
            value = {"id": rid, "text": "" if empty else PARAGRAPH, "event_time": now,
                     "url": f"https://news.example.org/{rid}", "fetch_time": now, "crawl_id": "py",
                     "content_type": "text/html", "license": "CC-BY-4.0", "extractor": "python", "language": "en"}
            producer.produce(topic=topic("sluice.ingest.scraped"), value=value, value_schema=scraped_schema)
            expected[rid] = "quarantined" if empty else "accepted"
    producer.flush(30)

    # Sluice keys are plain UTF-8 ids, which the legacy AvroConsumer would try to decode as Avro, so
    # values are decoded with the same library's MessageSerializer (registry lookup by schema id).
    decoder = MessageSerializer(CachedSchemaRegistryClient({"url": registry_url}))
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "py-check-" + run,
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed",
                         "enable.auto.commit": False})
    outputs = {topic("sluice.accepted"): "accepted", topic("sluice.quarantined"): "quarantined",
               topic("sluice.resynthesis"): "resynthesis"}
    consumer.subscribe(list(outputs))
    seen = {}
    deadline = time.time() + 120
    while time.time() < deadline and len([k for k in seen if k in expected]) < len(expected):
        message = consumer.poll(1.0)
        if message is None or message.error():
            continue
        value = decoder.decode_message(message.value())
        route = outputs[message.topic()]
        record = value["record"] if route == "resynthesis" else value
        if record["id"] not in expected:
            continue  # other traffic on a shared topic
        assert record["decision"]["policy_version"], "decision without policy version"
        assert "text.word_count" in record["signals"], "output without signals"
        seen.setdefault(record["id"], []).append(route)
    time.sleep(2)  # anything arriving now would be a duplicate
    while True:
        message = consumer.poll(0.5)
        if message is None:
            break
        if not message.error():
            value = decoder.decode_message(message.value())
            record = value["record"] if outputs[message.topic()] == "resynthesis" else value
            if record["id"] in expected:
                seen.setdefault(record["id"], []).append(outputs[message.topic()])
    consumer.close()

    wrong = {rid: (want, seen.get(rid)) for rid, want in expected.items() if seen.get(rid) != [want]}
    print(json.dumps({"produced": len(expected), "decoded": sum(len(v) for v in seen.values()),
                      "wrong_or_missing": wrong}, default=str))
    return 0 if not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
