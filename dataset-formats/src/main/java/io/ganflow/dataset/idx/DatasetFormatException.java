package io.ganflow.dataset.idx;

/** A data set file that is not what it claims to be; the message names the file and what is wrong. */
public class DatasetFormatException extends RuntimeException {

    public DatasetFormatException(String message) {
        super(message);
    }
}
