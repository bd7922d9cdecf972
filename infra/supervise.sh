#!/usr/bin/env bash
# supervise.sh NAME COMMAND...: runs COMMAND, and starts it again whenever it ends on its own (a crash, an
# OutOfMemoryError, a trainer that found its training thread stuck), as Kubernetes would restart its container;
# not a service that ended with code 78 (no convolution kernels right on this machine: NumericsStartup).
# SIGTERM or SIGINT is passed on to COMMAND and ends the supervision once COMMAND has ended (its graceful shutdown).
name=$1
shift
child=""
stopping=0
trap 'stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM INT
restarts=0
while true; do
  "$@" &
  child=$!
  code=0
  wait "$child" || code=$?
  # a trap interrupts wait; the child may still be shutting down
  while kill -0 "$child" 2>/dev/null; do wait "$child" || code=$?; done
  [ "$stopping" = 1 ] && exit 0
  # 78: the service found no convolution kernels that compute right on this machine; starting it again would only
  # find the same (its log's ERROR line says what was tried and what to do)
  if [ "$code" = 78 ]; then
    echo "[supervise] $name cannot compute right on this machine (code 78); not starting it again"
    exit 78
  fi
  restarts=$((restarts + 1))
  echo "[supervise] $name ended with code $code; starting it again in 2 s (restart $restarts)"
  sleep 2
done
