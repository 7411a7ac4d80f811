"""
### tierfeed nightly batch

Keeps the tier promises that the speed layer cannot keep alone:

1. **premium_backlog** recomputes every viewer's unseen premium posts from the master tables as
   of the cutoff into a new generation of the batch view, and flips the pointer to it once it is
   complete (older generations are dropped);
2. **standard_expiry** removes speed-view rows of standard posts past the standard retention and
   reports how many;
3. **delivery_audit** counts, per tier and day, posts, addressed deliveries, seen, pending and
   expired-unseen items into `delivery_audit`.

Each task is a `spark-submit` of the tierfeed batch jar (connection `spark_default` chooses the
master). The cutoff is the end of the run's data interval (`data_interval_end`), never "now",
so a task re-run for the same interval recomputes the same result: the tasks are idempotent.

Configuration (environment of the Airflow workers):

- `TIERFEED_BATCH_JAR`: path of `tierfeed-batch-<version>-spark.jar` (built by `mvn package`);
- `TIERFEED_CASSANDRA_HOST`, `TIERFEED_CASSANDRA_PORT`, `TIERFEED_KEYSPACE`;
- the tier rules `TIERFEED_STANDARD_RETENTION`, `TIERFEED_FREE_RETENTION`,
  `TIERFEED_PRESENCE_WINDOW`, `TIERFEED_PREMIUM_SPEED_TTL` (the same values as the other layers).
"""
from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# The cutoff: the end of the data interval, as an ISO-8601 instant in UTC.
CUTOFF = "{{ data_interval_end.in_timezone('UTC').strftime('%Y-%m-%dT%H:%M:%SZ') }}"

SETTINGS = (
    "TIERFEED_CASSANDRA_HOST",
    "TIERFEED_CASSANDRA_PORT",
    "TIERFEED_KEYSPACE",
    "TIERFEED_STANDARD_RETENTION",
    "TIERFEED_FREE_RETENTION",
    "TIERFEED_PRESENCE_WINDOW",
    "TIERFEED_PREMIUM_SPEED_TTL",
)

JOBS = (
    ("premium_backlog", "dev.tierfeed.batch.PremiumBacklogJob"),
    ("standard_expiry", "dev.tierfeed.batch.StandardExpiryJob"),
    ("delivery_audit", "dev.tierfeed.batch.DeliveryAuditJob"),
)


def _settings() -> dict[str, str]:
    return {name: os.environ[name] for name in SETTINGS if name in os.environ}


with DAG(
    dag_id="tierfeed_nightly",
    description="Premium backlogs, standard expiry and the delivery audit, once a day",
    doc_md=__doc__,
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    tags=["tierfeed", "spark", "batch"],
    default_args={
        "owner": "tierfeed",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=4),
    },
) as dag:
    previous = None
    for task_id, main_class in JOBS:
        task = SparkSubmitOperator(
            task_id=task_id,
            conn_id="spark_default",
            application=os.environ.get("TIERFEED_BATCH_JAR", "/opt/tierfeed/tierfeed-batch-spark.jar"),
            java_class=main_class,
            name=f"tierfeed-{task_id.replace('_', '-')}",
            application_args=["--as-of", CUTOFF],
            conf={
                "spark.cassandra.connection.host": os.environ.get("TIERFEED_CASSANDRA_HOST", "127.0.0.1"),
                "spark.cassandra.connection.port": os.environ.get("TIERFEED_CASSANDRA_PORT", "9042"),
                "spark.ui.enabled": "false",
            },
            env_vars=_settings(),
        )
        if previous is not None:
            previous >> task
        previous = task
