import FuzzDriver

FuzzDriver.run(.mrt)
