package io.rpik8s.model.plugin;

import java.util.List;

/** What was asked of an app is invalid, field by field; the host answers 400 naming each field. */
public class InvalidAppException extends AppException {

    private final List<FieldProblem> problems;

    public InvalidAppException(List<FieldProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).field() + ": " + problems.get(0).reason()
                : problems.size() + " fields are invalid");
        this.problems = List.copyOf(problems);
    }

    public InvalidAppException(String field, String reason) {
        this(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
