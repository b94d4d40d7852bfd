package io.rpik8s.storage.bucket;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.model.events.BucketPayload;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.storage.audit.ChangeRecorder;
import io.rpik8s.storage.bucket.BucketDtos.BucketView;
import io.rpik8s.storage.bucket.BucketDtos.ObjectPage;
import io.rpik8s.storage.bucket.BucketDtos.ObjectView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Buckets and objects on the S3 server: usage, creation, safe deletion, policy and versioning. */
@ApplicationScoped
public class BucketService {

    private final S3AsyncClient s3;
    private final ChangeRecorder changes;

    public BucketService(S3AsyncClient s3, ChangeRecorder changes) {
        this.s3 = s3;
        this.changes = changes;
    }

    @WithSpan("BucketService.list")
    public Uni<Page<BucketView>> list(PageRequest request) {
        // Usage means listing every object, so it is summed only for the buckets of the requested page.
        return call(() -> s3.listBuckets(), "the bucket list")
                .map(r -> Page.of(r.buckets().stream().sorted(Comparator.comparing(Bucket::name)).toList(), request))
                .chain(page -> Multi.createFrom().iterable(page.items())
                        .onItem().transformToUniAndConcatenate(b -> usage(b.name())
                                .map(u -> new BucketView(b.name(), b.creationDate(), u.count, u.bytes, null, null)))
                        .collect().asList()
                        .map(views -> new Page<>(views, page.page(), page.size(), page.total())));
    }

    @WithSpan("BucketService.get")
    public Uni<BucketView> get(String name) {
        Uni<Instant> created = call(() -> s3.listBuckets(), "bucket " + name)
                .map(r -> r.buckets().stream().filter(b -> b.name().equals(name)).findFirst()
                        .map(Bucket::creationDate)
                        .orElseThrow(() -> ApiProblem.notFound("bucket " + name + " does not exist")));
        return created.chain(at -> Uni.combine().all().unis(usage(name), policyOf(name), versioningOf(name))
                .with((u, policy, versioning) -> new BucketView(name, at, u.count, u.bytes, policy, versioning)));
    }

    /** Creates the bucket, then applies the optional policy and versioning, then records {@code bucket.created}. */
    @WithSpan("BucketService.create")
    public Uni<BucketView> create(String name, String policy, Boolean versioning, String actor) {
        BucketPolicy named = policy == null ? null : parsePolicy(policy);
        return call(() -> s3.createBucket(b -> b.bucket(name)), "bucket " + name)
                .chain(() -> (named == null ? Uni.createFrom().voidItem() : setPolicy(name, named))
                        .chain(() -> versioning == null ? Uni.createFrom().voidItem() : setVersioning(name, versioning))
                        // A bucket without the requested settings is not what was asked for: remove it again.
                        .onFailure().call(() -> call(() -> s3.deleteBucket(d -> d.bucket(name)), "bucket " + name)
                                .onFailure().recoverWithNull()))
                .chain(() -> changes.record(PlatformEvent.bucket(EventTypes.BUCKET_CREATED,
                        new BucketPayload(name, named == null ? null : named.label(), versioning, null, null), actor)))
                .chain(() -> get(name));
    }

    /** Deletes the bucket; a bucket with objects only when {@code force}, which deletes the objects first. */
    @WithSpan("BucketService.delete")
    public Uni<Void> delete(String name, boolean force, String actor) {
        return call(() -> s3.headBucket(b -> b.bucket(name)), "bucket " + name)
                .chain(() -> keys(name))
                .chain(keys -> {
                    if (!keys.isEmpty() && !force) {
                        throw ApiProblem.conflict("bucket " + name + " holds " + keys.size()
                                + " objects; delete them first or pass force=true");
                    }
                    return Multi.createFrom().iterable(keys)
                            .onItem().transformToUni(k -> call(() -> s3.deleteObject(d -> d.bucket(name).key(k)),
                                    "object " + k)).merge(8)
                            .collect().last()
                            .chain(() -> call(() -> s3.deleteBucket(d -> d.bucket(name)), "bucket " + name))
                            .chain(() -> changes.record(PlatformEvent.bucket(EventTypes.BUCKET_DELETED,
                                    new BucketPayload(name, null, null, (long) keys.size(), !keys.isEmpty()),
                                    actor)));
                });
    }

    @WithSpan("BucketService.setPolicy")
    public Uni<Void> setPolicy(String name, BucketPolicy policy) {
        if (policy == BucketPolicy.PRIVATE) {
            return call(() -> s3.deleteBucketPolicy(d -> d.bucket(name)), "the policy of bucket " + name)
                    .replaceWithVoid();
        }
        return call(() -> s3.putBucketPolicy(p -> p.bucket(name).policy(policy.document(name))),
                "the policy of bucket " + name).replaceWithVoid();
    }

    @WithSpan("BucketService.setVersioning")
    public Uni<Void> setVersioning(String name, boolean enabled) {
        return call(() -> s3.putBucketVersioning(v -> v.bucket(name).versioningConfiguration(c -> c.status(
                enabled ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED))),
                "versioning of bucket " + name)
                // Some S3 servers accept the request and ignore it: read it back so a no-op is not reported as done.
                .chain(() -> versioningOf(name))
                .invoke(actual -> {
                    if (actual == null || actual != enabled) {
                        throw ApiProblem.unprocessable("Versioning of bucket " + name
                                + " is not supported by this S3 server (the setting did not take effect)");
                    }
                })
                .replaceWithVoid();
    }

    @WithSpan("BucketService.objects")
    public Uni<ObjectPage> objects(String bucket, String prefix, String delimiter, String token, int size) {
        return call(() -> s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix).delimiter(delimiter)
                .continuationToken(token).maxKeys(size)), "bucket " + bucket)
                .map(r -> new ObjectPage(
                        r.contents().stream().map(o -> new ObjectView(o.key(), o.size(), o.lastModified(),
                                o.eTag() == null ? null : o.eTag().replace("\"", ""))).toList(),
                        r.commonPrefixes().stream().map(CommonPrefix::prefix).toList(),
                        Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null,
                        Boolean.TRUE.equals(r.isTruncated())));
    }

    @WithSpan("BucketService.deleteObject")
    public Uni<Void> deleteObject(String bucket, String key) {
        return call(() -> s3.headObject(h -> h.bucket(bucket).key(key)), "object " + key + " in bucket " + bucket)
                .chain(() -> call(() -> s3.deleteObject(d -> d.bucket(bucket).key(key)), "object " + key))
                .replaceWithVoid();
    }

    static BucketPolicy parsePolicy(String policy) {
        return BucketPolicy.byLabel(policy).orElseThrow(() -> ApiProblem.invalid("policy",
                "must be one of " + BucketPolicy.labels()));
    }

    private Uni<String> policyOf(String name) {
        return call(() -> s3.getBucketPolicy(g -> g.bucket(name)), "the policy of bucket " + name)
                .map(r -> BucketPolicy.labelOf(r.policy()))
                .onFailure(ApiProblem.class).recoverWithItem(e -> noPolicy(e));
    }

    private static String noPolicy(Throwable e) {
        // No policy at all (NoSuchBucketPolicy) is private; a server without policies says nothing.
        return ((ApiProblem) e).type().status() == 404 ? BucketPolicy.PRIVATE.label() : null;
    }

    private Uni<Boolean> versioningOf(String name) {
        return call(() -> s3.getBucketVersioning(g -> g.bucket(name)), "versioning of bucket " + name)
                .map(r -> r.status() == BucketVersioningStatus.ENABLED)
                .onFailure(ApiProblem.class).recoverWithNull();
    }

    private Uni<Usage> usage(String bucket) {
        return Multi.createBy().repeating()
                .uni(() -> new String[1], state -> call(() -> s3.listObjectsV2(l -> l.bucket(bucket)
                        .continuationToken(state[0])), "bucket " + bucket)
                        .invoke(r -> state[0] = r.nextContinuationToken()))
                .whilst(r -> Boolean.TRUE.equals(r.isTruncated()))
                .collect().in(Usage::new, (u, r) -> u.add(r));
    }

    private Uni<List<String>> keys(String bucket) {
        return Multi.createBy().repeating()
                .uni(() -> new String[1], state -> call(() -> s3.listObjectsV2(l -> l.bucket(bucket)
                        .continuationToken(state[0])), "bucket " + bucket)
                        .invoke(r -> state[0] = r.nextContinuationToken()))
                .whilst(r -> Boolean.TRUE.equals(r.isTruncated()))
                .onItem().transformToIterable(r -> r.contents().stream().map(S3Object::key).toList())
                .collect().asList();
    }

    private static <T> Uni<T> call(Supplier<CompletableFuture<T>> request, String what) {
        // The SDK marshals and signs (and on first use loads a lot of classes) in the calling thread before going
        // async: start requests on a worker so the event loop never waits for that.
        return Uni.createFrom().completionStage(request)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(e -> S3Problems.of(e, what));
    }

    /** Object count and bytes of a bucket, summed page by page. */
    private static final class Usage {
        long count;
        long bytes;

        void add(ListObjectsV2Response page) {
            for (S3Object o : page.contents()) {
                count++;
                bytes += o.size() == null ? 0 : o.size();
            }
        }
    }
}
