package dev.tollgate.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemIdSetTest {
  @Test
  void remembersEveryIdAcrossGrowth() {
    ItemIdSet set = new ItemIdSet();
    for (int i = 0; i < 200_000; i++) {
      assertThat(set.add("req:" + i)).isTrue();
    }
    assertThat(set.size()).isEqualTo(200_000);
    for (int i = 0; i < 200_000; i += 997) {
      assertThat(set.add("req:" + i)).as("req:" + i).isFalse();
    }
    assertThat(set.size()).isEqualTo(200_000);
  }

  @Test
  void similarIdsHashApart() {
    assertThat(ItemIdSet.hash("req:ab")).isNotEqualTo(ItemIdSet.hash("req:ba"));
    assertThat(ItemIdSet.hash("")).isNotZero();
    assertThat(ItemIdSet.hash("\u0100")).isNotEqualTo(ItemIdSet.hash("\u0001"));
  }
}
