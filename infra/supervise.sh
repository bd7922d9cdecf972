#!/usr/bin/env bash
# supervise.sh NAME COMMAND...: runs COMMAND, and starts it again whenever it ends on its own (a crash, an
# OutOfMemoryError, a trainer that found its training thread stuck), as Kubernetes would restart its container.
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
  restarts=$((restarts + 1))
  echo "[supervise] $name ended with code $code; starting it again in 2 s (restart $restarts)"
  sleep 2
done
