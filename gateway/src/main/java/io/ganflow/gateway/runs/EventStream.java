package io.ganflow.gateway.runs;

import io.ganflow.gateway.limits.StreamSlots;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;

/** Run events as a Server-Sent Events stream that holds one of its client's stream slots while it is open. */
final class EventStream {

    /** A comment this often keeps proxies from closing a quiet stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private EventStream() {}

    static Multi<OutboundSseEvent> of(Multi<RunEvents.RunEvent> events, Sse sse, String client, StreamSlots slots) {
        slots.take(client);
        Multi<OutboundSseEvent> named = events.map(event ->
                sse.newEventBuilder().name(event.name()).data(event.json()).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom()
                .ticks()
                .every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy()
                .merging()
                .streams(named, keepAlive)
                .onTermination()
                .invoke(() -> slots.free(client));
    }
}
