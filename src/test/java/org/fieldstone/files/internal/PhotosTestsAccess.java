package org.fieldstone.files.internal;

/** {@link PhotosTests#withOrientation} for the API contract in another package. */
public final class PhotosTestsAccess {

    private PhotosTestsAccess() {
    }

    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        return PhotosTests.withOrientation(jpeg, orientation);
    }
}
