package org.examhall.bank.assembly;

import java.util.Arrays;

/** A growable list of ints, so pools and queues of question indexes need no boxing. */
final class IntList {

    private int[] values = new int[16];
    private int size;

    static IntList[] array(int length) {
        IntList[] lists = new IntList[length];
        Arrays.setAll(lists, i -> new IntList());
        return lists;
    }

    static int[][] toArrays(IntList[] lists) {
        int[][] arrays = new int[lists.length][];
        Arrays.setAll(arrays, i -> lists[i].toArray());
        return arrays;
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int position) {
        return values[position];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
