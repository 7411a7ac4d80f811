"""A SparkSession wired to the running tierfeed stack, from its TIERFEED_* settings.

    from tierfeed_spark import spark_session, table, lake
    spark = spark_session()
    users = table(spark, "users")      # a Cassandra table of the keyspace, as a DataFrame
    events = lake(spark)               # the Parquet event lake on S3A

The defaults are serving/tierfeed.yml's (the dev stack's). The jars come from the batch build:
batch/target/tierfeed-batch-*-spark.jar, the jar that Airflow submits (it holds the Spark Cassandra
connector; TIERFEED_BATCH_JAR names another), and hadoop-aws with its AWS SDK bundle, which that
jar does not hold, from the batch's Spark classpath (batch/target/spark-classpath.txt, the jars the
stack's batch runs with). S3A is set up as LakeOptions sets it up for the Spark jobs (path-style,
plain HTTP unless the endpoint is https).
"""
import glob
import os
import sys

from pyspark.sql import SparkSession

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def setting(name, default):
    value = os.environ.get(name, "").strip()
    return value or default


def keyspace():
    return setting("TIERFEED_KEYSPACE", "tierfeed")


def lake_uri():
    """The lake's root: s3a://<bucket>/events."""
    return "s3a://" + setting("TIERFEED_S3_LAKE_BUCKET", "tierfeed-lake") + "/events"


def batch_jar():
    jar = os.environ.get("TIERFEED_BATCH_JAR")
    if jar:
        return jar
    jars = sorted(glob.glob(os.path.join(ROOT, "batch", "target", "tierfeed-batch-*-spark.jar")))
    if not jars:
        raise FileNotFoundError("no batch/target/tierfeed-batch-*-spark.jar: build it (bin/tierfeed build) or set TIERFEED_BATCH_JAR")
    return jars[-1]


def s3a_jars():
    """hadoop-aws and the AWS SDK bundle it needs, as the batch's Spark classpath lists them."""
    listing = os.path.join(ROOT, "batch", "target", "spark-classpath.txt")
    if not os.path.exists(listing):
        raise FileNotFoundError("no " + listing + ": build the batch module (bin/tierfeed build)")
    with open(listing) as f:
        jars = [jar for jar in f.read().strip().split(os.pathsep)
                if os.path.basename(jar).startswith(("hadoop-aws-", "aws-java-sdk-bundle-"))]
    if len(jars) != 2:
        raise FileNotFoundError("hadoop-aws and aws-java-sdk-bundle not both in " + listing + ": " + str(jars))
    return jars


def spark_settings():
    """Every Spark setting of the session, as a dict (the Cassandra connector, S3A, a small local Spark)."""
    endpoint = setting("TIERFEED_S3_ENDPOINT", "http://127.0.0.1:9000")
    return {
        "spark.master": setting("TIERFEED_NOTEBOOK_SPARK_MASTER", "local[2]"),
        "spark.driver.memory": setting("TIERFEED_NOTEBOOK_DRIVER_MEMORY", "1g"),
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "4",
        "spark.sql.session.timeZone": "UTC",
        "spark.jars": ",".join([batch_jar()] + s3a_jars()),
        "spark.cassandra.connection.host": setting("TIERFEED_CASSANDRA_HOST", "127.0.0.1"),
        "spark.cassandra.connection.port": setting("TIERFEED_CASSANDRA_PORT", "9042"),
        "spark.sql.extensions": "com.datastax.spark.connector.CassandraSparkExtensions",
        # the keyspace's tables as SQL: SELECT * FROM tierfeed.<keyspace>.users
        "spark.sql.catalog.tierfeed": "com.datastax.spark.connector.datasource.CassandraCatalog",
        # as LakeOptions.sparkSettings()
        "spark.hadoop.fs.s3a.endpoint": endpoint,
        "spark.hadoop.fs.s3a.path.style.access": "true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled": str(endpoint.startswith("https:")).lower(),
        "spark.hadoop.fs.s3a.access.key": setting("TIERFEED_S3_ACCESS_KEY", "tierfeed"),
        "spark.hadoop.fs.s3a.secret.key": setting("TIERFEED_S3_SECRET_KEY", "tierfeed-secret"),
        "spark.hadoop.fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version": "2",
    }


def spark_session(app_name="tierfeed-notebook"):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Spark's Python workers: this interpreter (PySpark refuses a worker of another Python version)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    for key, value in spark_settings().items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def table(spark, name):
    """A table of the tierfeed keyspace as a DataFrame, through the Spark Cassandra connector."""
    return spark.read.format("org.apache.spark.sql.cassandra").options(keyspace=keyspace(), table=name).load()


def lake(spark):
    """The whole event lake (every event type), read through the file sink's log."""
    return spark.read.parquet(lake_uri())
