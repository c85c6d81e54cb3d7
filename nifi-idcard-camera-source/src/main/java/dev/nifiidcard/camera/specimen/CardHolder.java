package dev.nifiidcard.camera.specimen;

import java.time.LocalDate;

/**
 * Whoever a drawn card belongs to: the specimen camera's {@link SpecimenPerson}s or a synthetic person.
 *
 * @param name       name in Chinese
 * @param sex        男 or 女
 * @param nation     ethnic group as printed, without 族 (for example 汉)
 * @param birth      date of birth
 * @param number     the 18-character resident ID number
 * @param address    the address as one string; the card wraps it at {@link CardFace#ADDRESS_LINE_CHARACTERS}
 * @param authority  issuing authority (back side)
 * @param validFrom  first day of validity (back side)
 * @param validUntil last day of validity, or {@code null} for 长期 (long-term)
 * @param portrait   which of the stand-in portraits to draw (any int; taken modulo their number)
 */
public record CardHolder(String name, String sex, String nation, LocalDate birth, String number, String address,
                         String authority, LocalDate validFrom, LocalDate validUntil, int portrait) {
}
