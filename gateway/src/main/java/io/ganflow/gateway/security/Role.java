package io.ganflow.gateway.security;

/** What a key may do: readers look (runs, metrics, images); operators also change things. */
public enum Role {
    READER,
    OPERATOR;

    boolean mayDo(Role needed) {
        return this == OPERATOR || needed == READER;
    }
}
