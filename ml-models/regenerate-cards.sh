#!/bin/sh
# Regenerates the card <id>.md of every model in ml-models/models (each has an <id>.training record) from the
# committed .clw/.training/.tflite files; the numbers come from the evaluator (needs ../shared/data). Each card run
# also writes its model's entry in models/catalog.tsv, the one model list the app and the CLI read.
# Crops go to the git-ignored ml-models/models/cards/. Pass ids to regenerate only those.
set -e
cd "$(dirname "$0")/.."
flock /tmp/clarity-mvn.lock ./mvnw -B -q -pl ml-models -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt
cd ml-models
"${JAVA_HOME:+$JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat target/classpath.txt)" \
    io.clarity.models.eval.ModelCard models "$@"
# The README's measured table is made from the cards just written (MeasuredTableTest fails when it is stale).
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/classes:$(cat target/classpath.txt)" io.clarity.models.eval.MeasuredTable README.md models
