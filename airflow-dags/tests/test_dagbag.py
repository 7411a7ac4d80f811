"""The DAG file loads cleanly and has the shape operators rely on.

Only public behaviour is checked, never the operator's private fields: the DAG's and the tasks'
public attributes, and what each task really submits when Airflow runs the DAG (`dag.test()`, in
this process, with a stand-in `spark-submit` first on the PATH that records its arguments). So the
checks keep their meaning whatever the Spark provider stores internally."""
import json
import os
import shlex
import subprocess
import sys
from datetime import datetime, timezone

import pendulum
import pytest
from airflow.models.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from conftest import DAGS, HOME

JOBS = [
    ("premium_backlog", "dev.tierfeed.batch.PremiumBacklogJob"),
    ("standard_expiry", "dev.tierfeed.batch.StandardExpiryJob"),
    ("delivery_audit", "dev.tierfeed.batch.DeliveryAuditJob"),
]

# The master of the test's `spark_default` connection: a task that used another connection would
# submit to another master (the provider falls back to yarn when a connection does not exist).
SPARK_DEFAULT_MASTER = "spark://spark-default.invalid:7077"

# Records one JSON line per call: the Airflow task it ran for and its arguments.
RECORDER = """#!/bin/sh
exec {python} -c '
import json, os, sys
with open(os.environ["TIERFEED_TEST_SUBMISSIONS"], "a") as out:
    out.write(json.dumps({{"task_id": os.environ.get("AIRFLOW_CTX_TASK_ID"), "argv": sys.argv[1:]}}) + "\\n")
' "$@"
"""


def load():
    return DagBag(dag_folder=str(DAGS), include_examples=False)


def nightly():
    return load().dags["tierfeed_nightly"]


@pytest.fixture(scope="session")
def metadata_db():
    """A fresh SQLite metadata database in this session's own AIRFLOW_HOME (for `dag.test()`)."""
    from airflow.configuration import conf

    url = conf.get("database", "sql_alchemy_conn")
    assert url == f"sqlite:///{HOME}/airflow.db", f"refusing to touch a database outside the test home: {url}"
    migrated = subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], capture_output=True, text=True,
                              timeout=600)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr


@pytest.fixture
def recorded_spark_submit(tmp_path, monkeypatch):
    """Puts a recording `spark-submit` first on the PATH; returns a function reading the calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    recorder = bin_dir / "spark-submit"
    recorder.write_text(RECORDER.format(python=shlex.quote(sys.executable)))
    recorder.chmod(0o755)
    submissions = tmp_path / "submissions.jsonl"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("TIERFEED_TEST_SUBMISSIONS", str(submissions))
    return lambda: [json.loads(line) for line in submissions.read_text().splitlines()] if submissions.exists() else []


def option(argv, name):
    assert name in argv, f"no {name} in {argv}"
    return argv[argv.index(name) + 1]


def test_the_dag_folder_loads_without_import_errors():
    bag = load()
    assert bag.import_errors == {}
    assert list(bag.dag_ids) == ["tierfeed_nightly"]


def test_the_nightly_dag_runs_the_three_jobs_in_order_daily_without_catchup():
    dag = nightly()
    assert dag.schedule == "@daily"
    assert dag.catchup is False
    assert dag.doc_md and "premium_backlog" in dag.doc_md
    assert sorted(dag.task_ids) == sorted(task_id for task_id, _ in JOBS)
    upstream = None
    for task_id, _ in JOBS:
        task = dag.get_task(task_id)
        assert isinstance(task, SparkSubmitOperator)
        assert task.retries == 2
        assert task.upstream_task_ids == ({upstream} if upstream else set()), task_id
        upstream = task_id


def test_each_task_submits_its_job_to_spark_default_with_the_interval_end_as_cutoff(
        metadata_db, recorded_spark_submit, monkeypatch):
    # as an AIRFLOW_CONN_ variable: it replaces any spark_default the environment or a database may hold
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", json.dumps({"conn_type": "spark", "host": SPARK_DEFAULT_MASTER}))
    dag = nightly()

    run = dag.test(logical_date=pendulum.datetime(2026, 11, 22, tz="UTC"))

    assert run.state == "success"
    cutoff = run.data_interval_end.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    submissions = recorded_spark_submit()
    assert [submission["task_id"] for submission in submissions] == [task_id for task_id, _ in JOBS]
    for (task_id, main_class), submission in zip(JOBS, submissions):
        argv = submission["argv"]
        assert option(argv, "--master") == SPARK_DEFAULT_MASTER, task_id
        assert option(argv, "--class") == main_class, task_id
        application = dag.get_task(task_id).application
        assert application in argv, task_id
        # the job's own arguments: everything after the application
        assert argv[argv.index(application) + 1:] == ["--as-of", cutoff], task_id


def test_the_cutoff_is_the_end_of_the_data_interval_never_now():
    dag = nightly()
    template = dag.get_task("premium_backlog").application_args[1]
    assert "data_interval_end" in template and "now" not in template
    import jinja2

    end = pendulum.datetime(2026, 11, 22, tz="UTC")
    rendered = jinja2.Template(template).render(data_interval_end=end)
    assert rendered == "2026-11-22T00:00:00Z"
    # an interval ending in another time zone still gives the UTC instant
    rendered = jinja2.Template(template).render(data_interval_end=end.in_timezone("Europe/Paris"))
    assert rendered == datetime(2026, 11, 22, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
