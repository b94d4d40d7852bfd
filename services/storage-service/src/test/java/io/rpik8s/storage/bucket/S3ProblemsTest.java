package io.rpik8s.storage.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An S3 refusal of what the client asked for is the client's 400; only S3 being unreachable or refusing us is 503. */
class S3ProblemsTest {

    @Test
    void s3RefusingTheRequestIs400NotAnOutage() {
        ApiProblem problem = (ApiProblem) S3Problems.of(new CompletionException(s3(400, "InvalidRequest",
                "Invalid Argument")), "bucket listing");
        assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
        assertThat(problem.getMessage()).contains("bucket listing").contains("InvalidRequest");
        assertThat(((ApiProblem) S3Problems.of(s3(400, "InvalidArgument", null), "bucket b")).type().status())
                .isEqualTo(400);
    }

    @Test
    void s3RefusingThePlatformsCredentialsOrFailingIsAnOutage() {
        assertThat(((ApiProblem) S3Problems.of(s3(403, "SignatureDoesNotMatch", null), "bucket b")).type())
                .isEqualTo(ProblemType.UPSTREAM_UNAVAILABLE);
        assertThat(((ApiProblem) S3Problems.of(s3(500, "InternalError", null), "bucket b")).type())
                .isEqualTo(ProblemType.UPSTREAM_UNAVAILABLE);
        assertThat(((ApiProblem) S3Problems.of(s3(404, "NoSuchBucket", null), "bucket b")).type())
                .isEqualTo(ProblemType.NOT_FOUND);
    }

    private static S3Exception s3(int status, String code, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }
}
