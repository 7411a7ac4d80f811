"""A real `airflow dags test` of the nightly DAG: Airflow runs the three Spark jobs through
pyspark's spark-submit against the test stack, and the service then reports a new batch-view
generation. The stack comes from the Java test harness (AirflowNightlyDagTest), which passes
its addresses in TIERFEED_TEST_* variables."""
import json
import os
import re
import subprocess
import sys
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from conftest import DAGS

GENERATION = re.compile(r"generation (\d+) covers up to ([^,\s]+)")


def batch_view(admin_url):
    """(generation, cutoff) from the service's batch-view readiness check, or (0, None)."""
    try:
        with urllib.request.urlopen(admin_url + "/healthcheck", timeout=10) as response:
            checks = json.load(response)
    except urllib.error.HTTPError as unhealthy:  # 500 when a check fails: the body still says
        checks = json.load(unhealthy)
    match = GENERATION.search(checks["batch-view"]["message"])
    return (int(match.group(1)), match.group(2)) if match else (0, None)


def airflow(*args, env):
    airflow_bin = Path(sys.executable).parent / "airflow"
    return subprocess.run([str(airflow_bin), *args], env=env, capture_output=True, text=True, timeout=900)


def test_airflow_runs_the_nightly_jobs_and_a_new_generation_is_flipped_in(tmp_path):
    admin = os.environ.get("TIERFEED_TEST_ADMIN_URL")
    assert admin, "run through `bin/tierfeed test` (AirflowNightlyDagTest gives this test its stack)"
    assert Path(os.environ["TIERFEED_BATCH_JAR"]).is_file(), "the batch jar is built by `mvn package`"
    generation_before, _ = batch_view(admin)

    env = dict(os.environ)
    env.update({
        "AIRFLOW_HOME": str(tmp_path),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW_CONN_SPARK_DEFAULT": json.dumps({"conn_type": "spark", "host": "local[2]"}),
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    })
    migrated = airflow("db", "migrate", env=env)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    # today's run: its cutoff (today's midnight) stays within the readiness limit for the tests after it
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    run = airflow("dags", "test", "tierfeed_nightly", today, env=env)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-5000:]
    for task in ("premium_backlog", "standard_expiry", "delivery_audit"):
        assert f"--class dev.tierfeed.batch." in output and f"end task task_id={task}" in output, f"{task} did not run"
    assert output.count("new_state=success") == 3, f"not every task succeeded:\n{output[-5000:]}"
    assert "new_state=failed" not in output

    generation_after, cutoff = batch_view(admin)
    assert generation_after > generation_before
    # the cutoff is the run's interval end (a midnight in UTC), not the time it ran
    assert cutoff == f"{today}T00:00:00Z"
    assert f"--as-of {today}T00:00:00Z" in output
