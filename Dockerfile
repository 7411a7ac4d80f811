# Images for the production topology of docker-compose.yml. One build, one target per part.
# (Not built on the development machines of this project, which have no Docker engine.) The build
# is the cluster mode's (`bin/tierfeed build`), and each image runs what the cluster mode runs.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN bin/tierfeed build \
 && for m in serving streaming; do \
      mvn -B -q -pl $m dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/$m/lib \
      && cp $m/target/tierfeed-$m-*.jar /out/$m/lib/; \
    done \
 && mkdir -p /out/batch && cp batch/target/tierfeed-batch-*-spark.jar /out/batch/tierfeed-batch-spark.jar

FROM eclipse-temurin:17-jre AS serving
COPY --from=build /out/serving/lib /opt/tierfeed/lib
COPY serving/tierfeed.yml /opt/tierfeed/tierfeed.yml
ENV TIERFEED_BIND_HOST=0.0.0.0
EXPOSE 8080 8081
ENTRYPOINT ["java", "-Xmx512m", "-cp", "/opt/tierfeed/lib/*", "dev.tierfeed.serving.TierfeedApplication"]
CMD ["server", "/opt/tierfeed/tierfeed.yml"]

# the streaming job's driver; also Spark's standalone master and workers (docker-compose.yml), whose
# launcher wants a Spark home with a jars folder: empty, as the cluster mode's, each application
# handing its executors its own classpath
FROM eclipse-temurin:17-jre AS streaming
COPY --from=build /out/streaming/lib /opt/tierfeed/lib
RUN mkdir -p /opt/spark/jars /var/lib/tierfeed
ENV SPARK_JAVA_OPTS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false" \
    SPARK_HOME=/opt/spark SPARK_SCALA_VERSION=2.12
ENTRYPOINT ["sh", "-c", "exec java -Xms1g -Xmx1g $SPARK_JAVA_OPTS -Dspark.master=${SPARK_MASTER:-local[2]} -Dspark.driver.host=${SPARK_DRIVER_HOST:-127.0.0.1} -Dspark.driver.bindAddress=0.0.0.0 -Dspark.executor.extraClassPath='/opt/tierfeed/lib/*' -Dspark.executor.memory=${SPARK_EXECUTOR_MEMORY:-768m} -Dspark.executor.cores=1 -Dspark.cores.max=2 -Dspark.ui.enabled=false -cp '/opt/tierfeed/lib/*' dev.tierfeed.streaming.FanOutJob --ready-file /var/lib/tierfeed/ready --checkpoint ${CHECKPOINT:-file:///var/lib/tierfeed/checkpoint}"]

FROM apache/airflow:3.1.8-python3.11 AS airflow
USER root
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*
USER airflow
RUN pip install --no-cache-dir apache-airflow-providers-apache-spark==6.3.4 pyspark==3.5.7
COPY --from=build /out/batch/tierfeed-batch-spark.jar /opt/tierfeed/tierfeed-batch-spark.jar
COPY airflow-dags /opt/airflow/dags
