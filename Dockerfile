# One image per service, from the Quarkus build (./mvnw package -DskipTests), e.g.
#   docker build --build-arg SERVICE=trainer-service -t ganflow/trainer-service:dev .
# (The trainer on a GPU: Dockerfile.gpu.)
# DJL runs offline. PyTorch's native libraries ship inside the service's jars; for the services that use DJL they are
# unpacked into DJL_CACHE_DIR while the image is built (io.ganflow.models.NativeLibraries), so a container starts
# without unpacking ~430 MB and runs on a read-only root file system, writing only to /tmp.
FROM eclipse-temurin:17-jre
ARG SERVICE
RUN mkdir -p /app /var/cache/djl
COPY ${SERVICE}/target/quarkus-app/lib/ /app/lib/
COPY ${SERVICE}/target/quarkus-app/*.jar /app/
COPY ${SERVICE}/target/quarkus-app/app/ /app/app/
COPY ${SERVICE}/target/quarkus-app/quarkus/ /app/quarkus/
ENV DJL_CACHE_DIR=/var/cache/djl \
    JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true"
RUN if ls /app/lib/main/ai.djl.pytorch.pytorch-engine-*.jar > /dev/null 2>&1; then \
      java -Dai.djl.offline=true -cp '/app/lib/main/*' io.ganflow.models.NativeLibraries; \
    fi
USER 185
EXPOSE 8080
WORKDIR /app
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Dquarkus.http.port=8080 -jar /app/quarkus-run.jar"]
