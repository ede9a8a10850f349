package org.fieldstone.crypto;

/**
 * A ciphertext did not open: it was altered, moved to another row or company, or its key is gone. Never
 * answered with empty data; it surfaces as a server error and in the logs (without the value).
 */
public class CryptoFailure extends RuntimeException {

    public CryptoFailure(String message) {
        super(message);
    }

    public CryptoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
