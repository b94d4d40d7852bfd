package io.rpik8s.storage.bucket;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns S3 failures into problems: missing things 404, clashes 409, features the server lacks 422, any other refusal of
 * the request 400, outages (and S3 refusing the platform's own credentials) 503.
 */
final class S3Problems {

    private S3Problems() {
    }

    static Throwable of(Throwable failure, String what) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof ApiProblem) {
            return e;
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if (status == 404 || "NoSuchBucket".equals(code) || "NoSuchKey".equals(code)) {
                return ApiProblem.notFound(what + " does not exist");
            }
            if ("BucketAlreadyOwnedByYou".equals(code) || "BucketAlreadyExists".equals(code)) {
                return ApiProblem.conflict(what + " already exists");
            }
            if ("BucketNotEmpty".equals(code)) {
                return ApiProblem.conflict(what + " is not empty");
            }
            if (status == 409) {
                return ApiProblem.conflict(what + ": " + code);
            }
            if (status == 501 || "NotImplemented".equals(code)) {
                return ApiProblem.unprocessable("This operation on " + what
                        + " is not supported by this S3 server (" + code + ")");
            }
            if (status == 400 && ("InvalidBucketName".equals(code) || "MalformedPolicy".equals(code))) {
                return ApiProblem.unprocessable(what + " was rejected by S3: " + code);
            }
            if (status >= 400 && status < 500 && status != 403 && status != 401) {
                // S3 refused what the request asked for (a parameter it will not take): the client's input, no outage.
                return new ApiProblem(ProblemType.VALIDATION, "S3 refused the request for " + what + " (" + code
                        + (s3.awsErrorDetails() == null || s3.awsErrorDetails().errorMessage() == null ? ""
                                : ": " + s3.awsErrorDetails().errorMessage()) + ")");
            }
            return ApiProblem.unavailable("S3 answered " + status + " " + code + " for " + what, 5, s3);
        }
        if (e instanceof SdkClientException) {
            return ApiProblem.unavailable("The S3 server cannot be reached", 5, e);
        }
        return e;
    }
}
