"""Airflow reads AIRFLOW_HOME when it is imported: give every test session a home of its own.

The DagBag tests create a metadata database and DAG runs (`dag.test()`), so they must never reach
an Airflow installation of the developer's: the home is always a fresh temporary directory, and
a database URL from the environment is dropped so that the default (SQLite in that home) is used."""
import os
import tempfile
from pathlib import Path

DAGS = Path(__file__).resolve().parent.parent
HOME = Path(tempfile.mkdtemp(prefix="tierfeed-airflow-"))

os.environ["AIRFLOW_HOME"] = str(HOME)
for setting in ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD",
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_SECRET"):
    os.environ.pop(setting, None)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
