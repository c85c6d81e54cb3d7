package dev.nifiidcard.camera.gate;

/**
 * A rectangle at any angle.
 *
 * @param centerX centre, in pixels
 * @param centerY centre, in pixels
 * @param ux      unit vector along the long side, pointing right (ux ≥ 0)
 * @param uy      ...
 * @param length  the long side
 * @param breadth the short side
 */
record OrientedBox(double centerX, double centerY, double ux, double uy, double length, double breadth) {

    double area() {
        return length * breadth;
    }

    double aspect() {
        return length / breadth;
    }
}
