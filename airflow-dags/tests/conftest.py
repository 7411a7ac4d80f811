"""Airflow reads AIRFLOW_HOME when it is imported: give every test session a home of its own."""
import os
import tempfile
from pathlib import Path

DAGS = Path(__file__).resolve().parent.parent

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="tierfeed-airflow-"))
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
