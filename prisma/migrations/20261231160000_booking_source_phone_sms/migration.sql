-- Holds made on a phone call or in a text thread say so (staff tell them from chat bookings).
ALTER TYPE "BookingSource" ADD VALUE IF NOT EXISTS 'PHONE';
ALTER TYPE "BookingSource" ADD VALUE IF NOT EXISTS 'SMS';
