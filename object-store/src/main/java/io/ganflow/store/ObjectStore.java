package io.ganflow.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The project's one door to the S3-compatible object store (MinIO in production, S3Proxy locally). */
public final class ObjectStore {

    private final MinioClient client;
    private final MinioClient presigner;
    private final String bucket;

    public ObjectStore(String endpoint, String accessKey, String secretKey, String bucket) {
        this(endpoint, Optional.empty(), accessKey, secretKey, bucket);
    }

    /**
     * {@code publicEndpoint}: where clients outside the cluster reach the store, for presigned URLs (a signature
     * covers the host, so it must be signed for the host the client will call); the endpoint itself when empty.
     */
    public ObjectStore(
            String endpoint, Optional<String> publicEndpoint, String accessKey, String secretKey, String bucket) {
        this.client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .build();
        // with its region given, the client signs without asking the (perhaps unreachable) public host for it
        this.presigner = publicEndpoint
                .map(url -> MinioClient.builder()
                        .endpoint(url)
                        .region(PRESIGNING_REGION)
                        .credentials(accessKey, secretKey)
                        .build())
                .orElse(client);
        this.bucket = bucket;
    }

    /** MinIO's default region, which S3Proxy accepts too. */
    private static final String PRESIGNING_REGION = "us-east-1";

    public String bucket() {
        return bucket;
    }

    public void ensureBucket() {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public void put(String key, byte[] content, String contentType) {
        call(
                "put " + key,
                () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                                new ByteArrayInputStream(content), content.length, -1)
                        .contentType(contentType)
                        .build()));
    }

    /** Parts of a stream of unknown length: what one part of a multipart upload holds in memory. */
    private static final long STREAM_PART_BYTES = 16L * 1024 * 1024;

    /**
     * Uploads a stream of unknown length without holding it (in parts of {@value #STREAM_PART_BYTES} bytes); returns
     * the bytes stored. The stream is read to its end; closing it is the caller's.
     */
    public long putStream(String key, InputStream content, String contentType) {
        CountingInputStream counted = new CountingInputStream(content);
        call(
                "put " + key,
                () -> client.putObject(
                        PutObjectArgs.builder().bucket(bucket).object(key).stream(counted, -1, STREAM_PART_BYTES)
                                .contentType(contentType)
                                .build()));
        return counted.count();
    }

    /** Copies the object into {@code file}; false when there is no such object. */
    public boolean getToFile(String key, Path file) {
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(
                    GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return true;
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Whether there is an object at {@code key} (without reading it). */
    public boolean exists(String key) {
        return call("stat " + key, () -> {
            try {
                client.statObject(
                        StatObjectArgs.builder().bucket(bucket).object(key).build());
                return true;
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** When the object at {@code key} was last written, or empty when there is none. */
    public Optional<java.time.Instant> modified(String key) {
        return call("stat " + key, () -> {
            try {
                return Optional.of(client.statObject(StatObjectArgs.builder()
                                .bucket(bucket)
                                .object(key)
                                .build())
                        .lastModified()
                        .toInstant());
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Removes the object; nothing happens when there is none. */
    public void delete(String key) {
        call("delete " + key, () -> {
            client.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Uploads a file too large to hold in memory (in parts, as the client sees fit). */
    public void putFile(String key, Path file, String contentType) {
        call(
                "put " + key,
                () -> client.uploadObject(UploadObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .filename(file.toString())
                        .contentType(contentType)
                        .build()));
    }

    /** A URL that lets whoever holds it download the object, without credentials, until it expires. */
    public String presignedGet(String key, Duration validFor) {
        return call(
                "presign " + key,
                () -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                        .method(Method.GET)
                        .bucket(bucket)
                        .object(key)
                        .expiry((int) validFor.toSeconds())
                        .build()));
    }

    /** The object's bytes, or empty when there is no such object. */
    public Optional<byte[]> get(String key) {
        return call("get " + key, () -> {
            try (InputStream in = client.getObject(
                    GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return Optional.of(in.readAllBytes());
            } catch (ErrorResponseException e) {
                if (isMissing(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Keys under {@code prefix}, recursively, in lexical order. */
    public List<String> list(String prefix) {
        return call("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    keys.add(item.objectName());
                }
            }
            keys.sort(null);
            return keys;
        });
    }

    /** The "folders" directly under {@code prefix} (keys up to the next '/'), without listing what is inside them. */
    public List<String> listFolders(String prefix) {
        return call("list " + prefix, () -> {
            List<String> folders = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(false)
                    .build())) {
                Item item = result.get();
                if (item.isDir()) {
                    folders.add(item.objectName());
                }
            }
            folders.sort(null);
            return folders;
        });
    }

    /** The store's answer for a key with no object (a stat answers NoSuchObject where a get answers NoSuchKey). */
    private static boolean isMissing(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code);
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, StoreCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ObjectStoreException("object store: cannot " + what + " in bucket " + bucket + ": " + e, e);
        }
    }
}
