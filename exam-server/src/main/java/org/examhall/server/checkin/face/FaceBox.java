package org.examhall.server.checkin.face;

/** Where the detector found a face, in pixels of the image it was given, and how sure it is (0..1). */
record FaceBox(double x, double y, double width, double height, double score) {}
