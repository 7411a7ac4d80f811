"""The DAG file loads cleanly and has the shape operators rely on."""
from datetime import datetime, timezone

from airflow.models.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

from conftest import DAGS


def load():
    return DagBag(dag_folder=str(DAGS), include_examples=False)


def nightly():
    return load().dags["tierfeed_nightly"]


def test_the_dag_folder_loads_without_import_errors():
    bag = load()
    assert bag.import_errors == {}
    assert list(bag.dag_ids) == ["tierfeed_nightly"]


def test_the_nightly_dag_runs_the_three_jobs_in_order_daily_without_catchup():
    dag = nightly()
    assert dag.catchup is False
    assert dag.doc_md and "premium_backlog" in dag.doc_md
    assert [task.task_id for task in dag.topological_sort()] == ["premium_backlog", "standard_expiry", "delivery_audit"]
    for task in dag.tasks:
        assert isinstance(task, SparkSubmitOperator)
        assert task.retries == 2
        assert task._conn_id == "spark_default"
        assert task.application_args[0] == "--as-of"
    assert dag.get_task("premium_backlog")._java_class == "dev.tierfeed.batch.PremiumBacklogJob"


def test_the_cutoff_is_the_end_of_the_data_interval_never_now():
    dag = nightly()
    template = dag.get_task("premium_backlog").application_args[1]
    assert "data_interval_end" in template and "now" not in template
    import jinja2
    import pendulum

    end = pendulum.datetime(2026, 11, 22, tz="UTC")
    rendered = jinja2.Template(template).render(data_interval_end=end)
    assert rendered == "2026-11-22T00:00:00Z"
    # an interval ending in another time zone still gives the UTC instant
    rendered = jinja2.Template(template).render(data_interval_end=end.in_timezone("Europe/Paris"))
    assert rendered == datetime(2026, 11, 22, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
