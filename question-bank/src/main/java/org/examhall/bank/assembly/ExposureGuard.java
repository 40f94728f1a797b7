package org.examhall.bank.assembly;

/** Decides, during one draw, whether a question would make the paper too alike to an earlier one. */
interface ExposureGuard {

    /** A guard for draws that are not part of a sitting. */
    ExposureGuard NONE = new ExposureGuard() {
        @Override
        public boolean allows(int index) {
            return true;
        }

        @Override
        public void taken(int index) {}

        @Override
        public int sharedLimit() {
            return Integer.MAX_VALUE;
        }
    };

    boolean allows(int index);

    void taken(int index);

    /** The most questions the paper may share with any earlier paper. */
    int sharedLimit();
}
