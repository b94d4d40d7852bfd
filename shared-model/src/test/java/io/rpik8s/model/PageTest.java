package io.rpik8s.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void cutsPagesOutOfAList() {
        List<Integer> all = IntStream.range(0, 7).boxed().toList();
        Page<Integer> second = Page.of(all, new PageRequest(1, 3));
        assertThat(second.items()).containsExactly(3, 4, 5);
        assertThat(second.total()).isEqualTo(7);
        assertThat(second.hasNext()).isTrue();
        assertThat(Page.of(all, new PageRequest(2, 3)).items()).containsExactly(6);
        assertThat(Page.of(all, new PageRequest(2, 3)).hasNext()).isFalse();
        assertThat(Page.of(all, new PageRequest(9, 3)).items()).isEmpty();
    }

    @Test
    void refusesNonsensePages() {
        assertThatThrownBy(() -> new PageRequest(-1, 10)).hasMessageContaining("page");
        assertThatThrownBy(() -> new PageRequest(0, 0)).hasMessageContaining("size");
        assertThatThrownBy(() -> new PageRequest(0, 501)).hasMessageContaining("size");
    }
}
